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
}
