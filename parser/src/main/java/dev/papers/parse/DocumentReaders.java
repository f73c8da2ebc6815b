package dev.papers.parse;

import dev.papers.common.Entry;
import dev.papers.parse.ListingParser.Format;
import dev.papers.parse.ListingParser.Problem;
import java.util.List;

/** The whole-document forms: which reader a complete document goes to, by its content. */
final class DocumentReaders {
    private DocumentReaders() {}

    /** What a document reader found. */
    record Parsed(List<Entry> entries, List<Problem> problems) {}

    /** What a document gave, and the form it turned out to be. */
    record Read(Format form, List<Entry> entries, List<Problem> problems) {}

    /** {@code doc} starts at its first non-blank character; {@code form} is the sniffed or forced one. */
    static Read read(Format form, String source, String doc) {
        Format f = form;
        if (FeedReader.isFeed(doc)) f = Format.FEED;
        DocumentReaders.Parsed r = switch (f) {
            case FEED -> FeedReader.read(source, doc);
            case HTML -> HtmlPageReader.read(source, doc);
            default -> JsonApiReader.read(source, doc, null);
        };
        return new Read(f, r.entries(), r.problems());
    }
}
