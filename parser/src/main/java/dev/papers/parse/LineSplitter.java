package dev.papers.parse;

import dev.papers.common.Reject;

/**
 * Cuts the pieces of a page into lines wherever the pieces were cut: LF, CRLF (also split over two pieces) and a lone
 * CR end a line; a line longer than {@link ListingParser#MAX_LINE_CHARS} is reported and skipped, so the unfinished
 * line it keeps is bounded.
 */
final class LineSplitter {
    /** Receives each complete line, numbered from 1, with its ending removed. */
    interface Lines {
        void line(long n, String raw);
    }

    private final StringBuilder partial;
    private final PageOutput out;
    private long lineNo;
    private boolean skippingLongLine;

    LineSplitter(PageOutput out, String partial, long lineNo, boolean skippingLongLine) {
        this.out = out;
        this.partial = new StringBuilder(partial == null ? "" : partial);
        this.lineNo = lineNo;
        this.skippingLongLine = skippingLongLine;
    }

    long lineNo() {
        return lineNo;
    }

    String partial() {
        return partial.toString();
    }

    boolean skippingLongLine() {
        return skippingLongLine;
    }

    void feed(String text, Lines lines) {
        int i = 0;
        int n = text.length();
        if (n == 0) return;
        // A piece that ended on '\r' left it at the end of the partial line: the line ended there, and a '\n' now
        // is the second half of a CRLF.
        if (endsOnCr()) {
            partial.setLength(partial.length() - 1);
            complete(lines);
            if (text.charAt(0) == '\n') i = 1;
        }
        // Both searches stay amortised linear.
        int nextLf = text.indexOf('\n', i);
        int nextCr = text.indexOf('\r', i);
        while (i < n) {
            if (nextLf >= 0 && nextLf < i) nextLf = text.indexOf('\n', i);
            if (nextCr >= 0 && nextCr < i) nextCr = text.indexOf('\r', i);
            int nl = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
            int end = nl < 0 ? n : nl;
            if (skippingLongLine) {
                // Already reported: drop the rest of the over-long line.
            } else if (partial.length() + (end - i) > ListingParser.MAX_LINE_CHARS) {
                out.problem(lineNo + 1, "line longer than " + ListingParser.MAX_LINE_CHARS + " characters, skipped",
                        Reject.sample(partial.length() > 0 ? partial.toString() : text.substring(i, Math.min(end, i + 300))));
                partial.setLength(0);
                skippingLongLine = true;
            } else {
                partial.append(text, i, end);
            }
            if (nl < 0) break;
            if (text.charAt(nl) == '\r') {
                if (nl + 1 == n) {
                    if (!skippingLongLine) partial.append('\r'); // CR or CRLF: the next piece tells
                    break;
                }
                complete(lines);
                i = text.charAt(nl + 1) == '\n' ? nl + 2 : nl + 1;
                continue;
            }
            complete(lines);
            i = nl + 1;
        }
    }

    /** The page ended: the unfinished line is the last one. */
    void finish(Lines lines) {
        if (partial.length() > 0 || skippingLongLine) {
            if (endsOnCr()) partial.setLength(partial.length() - 1); // the page's last line ending
            complete(lines);
        }
    }

    /** The last piece ended on '\r' (kept at the end of the partial line until the next piece tells CR from CRLF). */
    private boolean endsOnCr() {
        return partial.length() > 0 && partial.charAt(partial.length() - 1) == '\r';
    }

    private void complete(Lines lines) {
        lineNo++;
        String raw = partial.toString();
        partial.setLength(0);
        if (skippingLongLine) {
            skippingLongLine = false;
            return;
        }
        lines.line(lineNo, raw);
    }
}
