package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import org.junit.jupiter.api.Test;

/** The saved HTML page: the DailyPapers data-props list, else its visible text (HtmlPageReader's javadoc). */
class HtmlPageReaderTest {
    @Test
    void theDataPropsListWithThePageDateFromTheCanonicalUrl() {
        String html = """
                <!doctype html><html><head><link rel="canonical" href="https://huggingface.co/papers/date/2025-03-16"></head>
                <body><div data-target="DailyPapers" data-props='{"dailyPapers":[{"title":"Props Paper","numComments":2,
                "paper":{"id":"2503.00011","summary":"Props abstract.","upvotes":9,"authors":[{"name":"A B"}],
                "publishedAt":"2025-03-14T00:00:00.000Z"}}]}'></div></body></html>""";
        DocumentReaders.Parsed p = HtmlPageReader.read("t", html);
        assertThat(p.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Props Paper");
            assertThat(e.abstractText()).isEqualTo("Props abstract.");
            assertThat(e.pageDate()).isEqualTo("Mar 16");
            assertThat(e.published()).isEqualTo("2025-03-14");
            assertThat(e.arxivId()).isEqualTo("2503.00011");
            assertThat(e.upvotes()).isEqualTo(9);
            assertThat(e.comments()).isEqualTo(2);
        });
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void withoutDataPropsTheVisibleTextIsReadAndThatIsSaid() {
        String html = """
                <!doctype html><html><body><nav>Models Datasets</nav>
                <article><h3><a href="/papers/2501.00001">Visible Paper Title</a></h3>
                <p>The visible abstract of the paper.</p></article></body></html>""";
        DocumentReaders.Parsed p = HtmlPageReader.read("t", html);
        assertThat(p.entries()).extracting(Entry::title, Entry::abstractText, Entry::arxivId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Visible Paper Title", "The visible abstract of the paper.", "2501.00001"));
        assertThat(p.problems()).extracting(ListingParser.Problem::reason)
                .containsExactly("HTML page without the DailyPapers list (data-props); 1 entries read from its visible text");
    }

    @Test
    void aPageWithNothingReadableSaysSo() {
        DocumentReaders.Parsed p = HtmlPageReader.read("t", "<!doctype html><html><body><p>Nothing here</p></body></html>");
        assertThat(p.entries()).isEmpty();
        assertThat(p.problems()).extracting(ListingParser.Problem::reason)
                .containsExactly("HTML page without the DailyPapers list (data-props); no entries in its visible text either");
    }
}
