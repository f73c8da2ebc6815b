package dev.papers.parse;

/**
 * A reader of one line-based form: takes the page's lines (stripped, non-blank, control characters handled) and
 * blank lines in order, puts entries and problems in its {@link PageOutput}, and keeps everything it needs between
 * chunks in its {@link ReaderState} record.
 */
interface LineReader {
    void line(long n, String line);

    /** A line that was indented in the page (only Markdown cares: a wrapped heading's second line). */
    default void indentedLine(long n, String line) {
        line(n, line);
    }

    void blank(long n);

    /** The page ended after line {@code lastLine}: flush what is pending. */
    void finish(long lastLine);

    ReaderState state();
}
