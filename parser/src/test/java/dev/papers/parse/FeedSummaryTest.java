package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The description labels one feed scraper writes (captures/rss/markert-hf-papers-2026-03-10.xml) are not abstract text. */
class FeedSummaryTest {
    @Test
    void theGeneratedSummaryAndItsLabelsAreDropped() {
        assertThat(FeedReader.withoutGeneratedSummary("Abstract A short summary.  \t\t\t\t\tAI-generated summary What happens when a storyteller forgets?"))
                .isEqualTo("What happens when a storyteller forgets?");
    }

    @Test
    void withoutASummaryOnlyTheAbstractLabelGoes() {
        // As in the capture's "Autophoresis of a Janus particle" item.
        assertThat(FeedReader.withoutGeneratedSummary("Abstract  We study the self-diffusiophoresis of a particle."))
                .isEqualTo("We study the self-diffusiophoresis of a particle.");
        assertThat(FeedReader.withoutGeneratedSummary("Abstractions of code are studied.")).isEqualTo("Abstractions of code are studied.");
        assertThat(FeedReader.withoutGeneratedSummary("We study X.")).isEqualTo("We study X.");
    }
}
