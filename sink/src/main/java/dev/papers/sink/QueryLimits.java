package dev.papers.sink;

import dev.papers.tagging.text.TextAnalysis;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Bounds of one list query, checked before any work: each query costs index clauses and a cache entry in proportion
 * to its terms, tags and cursor, so none of them may grow without bound. Over a bound is a 400 naming the parameter
 * and the bound. The cursor bound leaves room for the longest real cursor (a 1,000-character title key, see
 * {@link Paging#TITLE_KEY_CHARS}, of 3-byte UTF-8 characters, base64) and keeps a GET under Jetty's 8 KiB request line.
 */
final class QueryLimits {
    static final int MAX_Q_CHARS = 500;
    static final int MAX_Q_TERMS = 32;
    static final int MAX_TAGS = 16;
    static final int MAX_TAG_CHARS = 200;
    static final int MAX_CURSOR_CHARS = 6144;

    private QueryLimits() {}

    static void check(List<String> tags, String q, String cursor) {
        if (tags != null) {
            if (tags.size() > MAX_TAGS) throw ApiException.badParam("tag", "at most " + MAX_TAGS + " tags (got " + tags.size() + ")");
            for (String t : tags) {
                if (t != null && t.length() > MAX_TAG_CHARS) {
                    throw ApiException.badParam("tag", "at most " + MAX_TAG_CHARS + " characters (got " + t.length() + ")");
                }
            }
        }
        if (q != null) {
            if (q.length() > MAX_Q_CHARS) throw ApiException.badParam("q", "at most " + MAX_Q_CHARS + " characters (got " + q.length() + ")");
            int terms = new LinkedHashSet<>(TextAnalysis.terms(q)).size();
            if (terms > MAX_Q_TERMS) throw ApiException.badParam("q", "at most " + MAX_Q_TERMS + " search terms (got " + terms + ")");
        }
        if (cursor != null && cursor.length() > MAX_CURSOR_CHARS) {
            throw ApiException.badParam("cursor", "at most " + MAX_CURSOR_CHARS + " characters (got " + cursor.length() + ")");
        }
    }
}
