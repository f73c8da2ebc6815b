package dev.papers.common;

/**
 * A piece of input that could not be used, with the reason. Value of {@link Topics#REJECTS}, key = source.
 *
 * @param line   1-based line of the page the problem is on (0 when it concerns the whole page or chunk)
 * @param sample up to {@link #SAMPLE_CHARS} characters of the offending input
 */
public record Reject(String source, String ingestId, long seq, long line, String reason, String sample) {
    public static final int SAMPLE_CHARS = 200;

    public static String sample(String text) {
        if (text == null) return null;
        return text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS) + "…";
    }
}
