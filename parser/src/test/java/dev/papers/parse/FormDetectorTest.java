package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.parse.ListingParser.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Detection by content, never by name: every form is given a file name that lies about it. */
class FormDetectorTest {
    static final String TEXT = "Daily Papers\n\nMar 16\n\nA Title\n\nAn abstract.\n\n  • 3 authors\n·\nJul 30, 2020 1\n";
    static final String LINK_LINES = "Daily Papers\nhttps://huggingface.co/papers\n [-] 5\n"
            + "https://huggingface.co/login?next=%2Fpapers%2F2401.00001\nA Title\nhttps://huggingface.co/papers/2401.00001\nAn abstract.\n";
    static final String MARKDOWN = "# Daily Papers\n\n### [A Title](https://huggingface.co/papers/2401.00001)\n\nAn abstract.\n";
    static final String BROWSER = "   [1]Hugging Face\n\nDaily Papers\n\n   [23]A Title\n\n   An abstract.\n";
    static final String HTML = "<!doctype html>\n<html><body><h3>A Title</h3></body></html>";
    static final String JSON = "[{\"title\": \"A Title\", \"paper\": {\"summary\": \"An abstract.\"}}]";
    static final String RSS = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>HF</title>"
            + "<item><title>A Title</title><description>An abstract.</description></item></channel></rss>";
    static final String ATOM = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>HF</title><id>x</id>"
            + "<updated>2025-01-01T00:00:00Z</updated><entry><title>A Title</title><id>y</id>"
            + "<updated>2025-01-01T00:00:00Z</updated><summary>An abstract.</summary></entry></feed>";
    static final String JSON_FEED = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"HF\", \"items\": "
            + "[{\"id\": \"1\", \"title\": \"A Title\", \"content_text\": \"An abstract.\"}]}";

    static Format detected(String name, String page) {
        ListingParser p = ListingParser.start(name);
        p.feed(page);
        p.finish();
        return p.form();
    }

    @ParameterizedTest(name = "{0} named {1}")
    @CsvSource({
            "TEXT, page.html", "LINK_LINES, page.md", "MARKDOWN, feed.xml", "BROWSER, data.json", "HTML, notes.txt",
            "JSON, page.md", "RSS, page.json", "ATOM, page.txt", "JSON_FEED, page.xml"})
    void everyFormIsRecognisedFromItsContentWhateverTheFileIsCalled(String form, String name) {
        String page = switch (form) {
            case "TEXT" -> TEXT;
            case "LINK_LINES" -> LINK_LINES;
            case "MARKDOWN" -> MARKDOWN;
            case "BROWSER" -> BROWSER;
            case "HTML" -> HTML;
            case "JSON" -> JSON;
            case "RSS" -> RSS;
            case "ATOM" -> ATOM;
            default -> JSON_FEED;
        };
        Format want = switch (form) {
            case "RSS", "ATOM", "JSON_FEED" -> Format.FEED;
            default -> Format.valueOf(form);
        };
        assertThat(detected(name, page)).isEqualTo(want);
        // The same page cut into 7-character pieces is recognised the same.
        ListingParser p = ListingParser.start(name);
        for (int i = 0; i < page.length(); i += 7) p.feed(page.substring(i, Math.min(page.length(), i + 7)));
        p.finish();
        assertThat(p.form()).isEqualTo(want);
    }

    @Test
    void theFirstCharactersTellADocumentFromText() {
        assertThat(FormDetector.sniff("  \n\uFEFF<!doctype html>")).isEqualTo(Format.HTML);
        assertThat(FormDetector.sniff("<rss version=\"2.0\">")).isEqualTo(Format.HTML); // markup; the feed is told at the end
        assertThat(FormDetector.sniff("[{\"title\"")).isEqualTo(Format.JSON);
        assertThat(FormDetector.sniff("[Subscribe](https://huggingface.co/login)")).isEqualTo(Format.AUTO);
        assertThat(FormDetector.sniff("<https://huggingface.co/papers/2401.00001>\n")).isEqualTo(Format.AUTO);
        assertThat(FormDetector.sniff("   \n  ")).isNull();
        assertThat(FormDetector.sniff("[")).isNull();
    }

    @Test
    void aHeadingAloneDoesNotDecideMarkdownBeforeALinkLinesSign() {
        // A link-lines export starts with the page title as a bare heading (as NotebookLM writes it).
        String page = "# Daily Papers - Hugging Face\n\n" + LINK_LINES;
        assertThat(detected("x", page)).isEqualTo(Format.LINK_LINES);
        assertThat(detected("x", "# Daily Papers\n\nSome line\n")).isEqualTo(Format.MARKDOWN);
    }

    @Test
    void theLookAheadIsBounded() {
        FormDetector d = new FormDetector(null);
        Format decided = null;
        for (int i = 1; i <= ListingParser.LOOKAHEAD_LINES && decided == null; i++) decided = d.hold(i, "undecided line " + i);
        assertThat(decided).isEqualTo(Format.TEXT);
        assertThat(d.replay()).hasSize(ListingParser.LOOKAHEAD_LINES);
    }
}
