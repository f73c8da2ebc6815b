package dev.papers.parse;

import static dev.papers.parse.ReaderHarness.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The api/daily_papers JSON, written from its documented schema (JsonApiReader's javadoc). */
class JsonApiReaderTest {
    static final String ITEM_2025 = """
            {"title": "Paper One", "publishedAt": "2025-03-14T10:00:00.000Z", "numComments": 4,
             "paper": {"id": "2503.01234", "title": "Paper One", "summary": "First line of the summary\\nwrapped here.",
                       "authors": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}], "upvotes": 42,
                       "publishedAt": "2025-03-13T00:00:00.000Z"},
             "organization": {"name": "acme", "fullname": "Acme Labs"}}""";
    static final String ITEM_2024 = """
            {"paper": {"id": "2401.00007", "title": "Paper Two", "summary": "Second summary.", "authors": [{"name": "Grace Hopper"}],
                       "upvotes": 7, "publishedAt": "2024-01-02T00:00:00.000Z"}, "numComments": 0}""";

    @Test
    void itemsOfBothSchemasGiveEveryField() {
        DocumentReaders.Parsed p = JsonApiReader.read("t", "[" + ITEM_2025 + ", " + ITEM_2024 + "]", null);
        assertThat(p.entries()).containsExactly(
                entry("Paper One", "First line of the summary wrapped here.", 2, "acme Acme Labs", "Mar 13, 2025",
                        "2025-03-13", 42, null, "2503.01234", List.of("Ada Lovelace", "Alan Turing"), 4),
                entry("Paper Two", "Second summary.", 1, null, "Jan 2, 2024", "2024-01-02", 7, null, "2401.00007",
                        List.of("Grace Hopper"), 0));
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void aDocumentCutShortKeepsTheItemsBeforeTheCut() {
        DocumentReaders.Parsed p = JsonApiReader.read("t", "[" + ITEM_2025 + ", {\"title\": \"Cut Pap", null);
        assertThat(p.entries()).extracting(e -> e.title()).containsExactly("Paper One");
        assertThat(p.problems()).singleElement().satisfies(pr -> assertThat(pr.reason())
                .startsWith("JSON document cut short or malformed").endsWith("1 items before it kept"));
    }

    @Test
    void anItemWithoutASummaryIsAProblemNamingIt() {
        DocumentReaders.Parsed p = JsonApiReader.read("t", "[" + ITEM_2025 + ", {\"paper\": {\"title\": \"No Summary\"}}]", null);
        assertThat(p.entries()).hasSize(1);
        assertThat(p.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.reason()).isEqualTo("JSON item #2 without a summary, skipped");
            assertThat(pr.sample()).isEqualTo("No Summary");
        });
    }

    @Test
    void aSummaryLongerThanTheBoundIsCutAndReported() {
        String summary = "word ".repeat(2000).strip();
        DocumentReaders.Parsed p = JsonApiReader.read("t", "[{\"title\": \"Long\", \"summary\": \"" + summary + "\"}]", null);
        assertThat(p.entries()).singleElement().satisfies(e -> assertThat(e.abstractText().length())
                .isLessThanOrEqualTo(ListingParser.MAX_ABSTRACT_CHARS).isGreaterThan(6000));
        assertThat(p.problems()).extracting(ListingParser.Problem::reason)
                .containsExactly("JSON item #1: summary longer than 6144 characters, cut");
    }

    /** A document page is buffered in the parser's state: saved mid-item as the processor saves it, it still reads whole. */
    @Test
    void theBufferedDocumentSurvivesASaveAndResumeMidItem() {
        String doc = "[" + ITEM_2025 + ", " + ITEM_2024 + "]";
        int cut = doc.indexOf("Alan");
        ListingParser p = ListingParser.start("t");
        assertThat(p.feed(doc.substring(0, cut))).isEmpty();
        assertThat(p.form()).isEqualTo(ListingParser.Format.JSON);
        ListingParser.State saved = Json.read(Json.write(p.state()), ListingParser.State.class);
        assertThat(saved).isEqualTo(p.state());
        ListingParser q = ListingParser.resume(saved);
        q.feed(doc.substring(cut));
        assertThat(q.finish()).extracting(e -> e.title()).containsExactly("Paper One", "Paper Two");
        assertThat(q.drainProblems()).isEmpty();
    }
}
