package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.Paper;
import dev.papers.common.Titles;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperMergerTest {
    static final String TITLE = "A Paper Seen In Two Forms";

    @Test
    void richerFormAddsArxivIdAuthorNamesAndComments() {
        Entry seedForm = new Entry("seed.txt", Titles.id(TITLE), TITLE, "Short abstract.", 3, null, "Jul 30, 2020", "2020-07-30", 4, null);
        Entry htmlForm = new Entry("saved.html", Titles.id(TITLE), TITLE, "Short abstract, but longer.", 3, null, null, null, 7, null,
                "2007.15779", List.of("Ada", "Grace", "Edsger"), 2);
        Paper merged = PaperMerger.merge(Paper.of(seedForm, 1), htmlForm, 2);
        assertThat(merged.arxivId()).isEqualTo("2007.15779");
        assertThat(merged.authorNames()).containsExactly("Ada", "Grace", "Edsger");
        assertThat(merged.comments()).isEqualTo(2);
        assertThat(merged.upvotes()).isEqualTo(7);
        assertThat(merged.abstractText()).isEqualTo("Short abstract, but longer.");
        assertThat(merged.sources()).containsExactly("seed.txt", "saved.html");
        assertThat(merged.duplicates()).isEqualTo(1);

        // And the other way round: a poorer later sighting keeps what the richer one gave.
        Paper back = PaperMerger.merge(Paper.of(htmlForm, 1), seedForm, 2);
        assertThat(back.arxivId()).isEqualTo("2007.15779");
        assertThat(back.authorNames()).hasSize(3);
        assertThat(back.comments()).isEqualTo(2);
        assertThat(back.publishedText()).isEqualTo("Jul 30, 2020");
    }

    @Test
    void aSourceCountsOnceAndTheListOfSourcesIsBounded() {
        Entry e = new Entry("a.txt", Titles.id(TITLE), TITLE, "Abstract.", 3, null, null, null, 4, null);
        Paper p = PaperMerger.merge(Paper.of(e, 1), e, 5);
        assertThat(p.duplicates()).as("same page again").isZero();
        assertThat(p.sources()).containsExactly("a.txt");
        assertThat(p.lastSeen()).isEqualTo(5);
        for (int i = 0; i < PaperMerger.MAX_SOURCES + 10; i++) {
            p = PaperMerger.merge(p, new Entry("page-" + i + ".txt", e.id(), TITLE, "Abstract.", 3, null, null, null, 4, null), 10 + i);
        }
        assertThat(p.sources()).hasSize(PaperMerger.MAX_SOURCES).startsWith("a.txt", "page-0.txt");
        assertThat(p.duplicates()).as("every new source name counts, listed or not").isEqualTo(PaperMerger.MAX_SOURCES + 10);
        Paper again = PaperMerger.merge(p, new Entry("page-3.txt", e.id(), TITLE, "Abstract.", 3, null, null, null, 4, null), 999);
        assertThat(again.duplicates()).isEqualTo(p.duplicates());
    }
}
