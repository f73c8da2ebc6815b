package dev.papers.parse;

/**
 * The Markdown/browser line syntax the parser needs, scanned by hand in linear time and constant stack depth.
 *
 * <p>Why not regular expressions: Java's engine recurses once per repetition of a group with alternation (a link
 * text like {@code (?:\\.|[^\[\]\\])*} of a few thousand characters overflowed the stack, issue #24) and backtracks
 * quadratically over unclosed brackets and whitespace runs. Each method names the expression it replaces and gives
 * the same result on every input (pinned by {@code InlineSyntaxTest} against those expressions).
 */
final class InlineSyntax {
    private InlineSyntax() {}

    /** A Markdown ATX heading: {@code #} count and its text without the closing {@code #} run. */
    record Heading(int level, String text) {}

    /** An "N authors" line: the text before it (null when the line starts with the count) and the digits. */
    record Authors(String names, String count) {}

    /** {@code \s} of {@link java.util.regex.Pattern}: ASCII whitespace only. */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** What {@code .} of {@link java.util.regex.Pattern} does not match. */
    static boolean lineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code [^()\s]*} from i. */
    private static int skipUrlChars(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '(' || c == ')' || space(c)) break;
            i++;
        }
        return i;
    }

    /** Replaces {@code !\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[\d*\]} (images) by nothing. */
    static String withoutImages(String s) {
        int i = s.indexOf("![");
        if (i < 0) return s;
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int copied = 0;
        int close = -1; // first ']' at or after the current start + 2 (n: none); only moves forward
        int closeEnd = -1; // the match end computed for that ']' (-1: no match)
        while (i >= 0) {
            int from = i + 2;
            if (close < from) {
                close = s.indexOf(']', from);
                if (close < 0) close = n;
                closeEnd = close < n ? imageEnd(s, close) : -1;
            }
            if (closeEnd < 0) {
                i = s.indexOf("![", i + 1);
                continue;
            }
            out.append(s, copied, i);
            copied = closeEnd;
            i = s.indexOf("![", closeEnd);
        }
        return copied == 0 ? s : out.append(s, copied, n).toString();
    }

    /** After the ']' of an image text: {@code \([^)]*\)} or {@code \[\d*\]}; the end of the image or -1. */
    private static int imageEnd(String s, int close) {
        int n = s.length();
        if (close + 1 >= n) return -1;
        if (s.charAt(close + 1) == '(') {
            int p = s.indexOf(')', close + 2);
            if (p >= 0) return p + 1;
        }
        if (s.charAt(close + 1) == '[') {
            int j = close + 2;
            while (j < n && digit(s.charAt(j))) j++;
            if (j < n && s.charAt(j) == ']') return j + 1;
        }
        return -1;
    }

    /**
     * Inline links {@code \[((?:\\.|[^\[\]\\])*)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+"[^"]*")?\)} replaced by
     * their text ({@code keepText}) or removed.
     */
    static String inlineLinks(String s, boolean keepText) {
        return links(s, true, keepText, false) instanceof String r ? r : s;
    }

    /** Reference links {@code \[((?:\\.|[^\[\]\\])*)\]\[(\d*)\]} replaced by their text ({@code keepText}) or removed. */
    static String refLinks(String s, boolean keepText) {
        return links(s, false, keepText, false) instanceof String r ? r : s;
    }

    /** Whether the text holds a reference link (the expression above, {@code find()}). */
    static boolean hasRefLink(String s) {
        return links(s, false, false, true) == Boolean.TRUE;
    }

    /**
     * One left-to-right pass like {@code Matcher.replaceAll}/{@code find}. The text of a link is scanned by a
     * deterministic automaton (an escape pair or any character but a bracket or backslash, so the first parse is
     * the only one); {@code stop[q]} is where the scan from q ends, computed once right to left. Starts that reach
     * the same ']' are consecutive, so the part after it is computed once for them.
     */
    private static Object links(String s, boolean inline, boolean keepText, boolean findOnly) {
        int i = s.indexOf('[');
        if (i < 0 || s.indexOf(']', i) < 0) return findOnly ? Boolean.FALSE : s;
        int n = s.length();
        int[] stop = new int[n + 1];
        stop[n] = n;
        for (int r = n - 1; r >= 0; r--) {
            char c = s.charAt(r);
            if (c == '[' || c == ']') stop[r] = r;
            else if (c == '\\') stop[r] = r + 1 < n && !lineTerminator(s.charAt(r + 1)) ? stop[r + 2] : r;
            else stop[r] = stop[r + 1];
        }
        StringBuilder out = null;
        int copied = 0;
        int lastClose = -1;
        int lastEnd = -1;
        while (i >= 0) {
            int close = stop[i + 1];
            int end;
            if (close == lastClose) {
                end = lastEnd;
            } else {
                end = close < n && s.charAt(close) == ']' ? (inline ? inlineEnd(s, close) : refEnd(s, close)) : -1;
                lastClose = close;
                lastEnd = end;
            }
            if (end < 0) {
                i = s.indexOf('[', i + 1);
                continue;
            }
            if (findOnly) return Boolean.TRUE;
            if (out == null) out = new StringBuilder(n);
            out.append(s, copied, i);
            if (keepText) out.append(s, i + 1, close);
            copied = end;
            i = s.indexOf('[', end);
        }
        if (findOnly) return Boolean.FALSE;
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** After the ']' of a link text: {@code \(url(?:\s+"title")?\)}; the end of the link or -1. */
    private static int inlineEnd(String s, int close) {
        int n = s.length();
        if (close + 1 >= n || s.charAt(close + 1) != '(') return -1;
        int a = skipUrlChars(s, close + 2);
        if (a < n && s.charAt(a) == '(') {
            int b = skipUrlChars(s, a + 1);
            if (b >= n || s.charAt(b) != ')') return -1;
            a = skipUrlChars(s, b + 1);
        }
        if (a >= n) return -1;
        if (s.charAt(a) == ')') return a + 1;
        if (!space(s.charAt(a))) return -1;
        int k = a;
        while (k < n && space(s.charAt(k))) k++;
        if (k >= n || s.charAt(k) != '"') return -1;
        int q = s.indexOf('"', k + 1);
        return q >= 0 && q + 1 < n && s.charAt(q + 1) == ')' ? q + 2 : -1;
    }

    /** After the ']' of a link text: {@code \[\d*\]}; the end of the link or -1. */
    private static int refEnd(String s, int close) {
        int n = s.length();
        if (close + 1 >= n || s.charAt(close + 1) != '[') return -1;
        int j = close + 2;
        while (j < n && digit(s.charAt(j))) j++;
        return j < n && s.charAt(j) == ']' ? j + 1 : -1;
    }

    /** The first {@code \]\(([^()\s]+)} of the text: the target of its first inline link, or null. */
    static String firstInlineTarget(String s) {
        for (int i = s.indexOf("]("); i >= 0; i = s.indexOf("](", i + 1)) {
            int j = skipUrlChars(s, i + 2);
            if (j > i + 2) return s.substring(i + 2, j);
        }
        return null;
    }

    /** {@code ^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$} with {@code matches()}: level and text, or null. */
    static Heading heading(String line) {
        int n = line.length();
        int k = 0;
        while (k < n && line.charAt(k) == '#') k++;
        if (k == 0 || k > 6 || k >= n || !space(line.charAt(k))) return null;
        int start = k;
        while (start < n && space(line.charAt(start))) start++;
        // The lazy text ends where the longest tail of the form (\s+#+)?\s* begins.
        int end = n;
        while (end > start && space(line.charAt(end - 1))) end--;
        int hashes = end;
        while (hashes > start && line.charAt(hashes - 1) == '#') hashes--;
        if (hashes < end && hashes > start && space(line.charAt(hashes - 1))) {
            end = hashes;
            while (end > start && space(line.charAt(end - 1))) end--;
        }
        for (int i = start; i < end; i++) {
            if (lineTerminator(line.charAt(i))) return null;
        }
        return new Heading(k, line.substring(start, end));
    }

    /** {@code ^(?:(.*?)[\s·•,\-–—]+)?(\d+)\s+authors?$} with {@code matches()}: names part and count, or null. */
    static Authors authors(String b) {
        int end = b.endsWith("authors") ? b.length() - 7 : b.endsWith("author") ? b.length() - 6 : -1;
        if (end < 0) return null;
        int ws = end;
        while (ws > 0 && space(b.charAt(ws - 1))) ws--;
        if (ws == end) return null;
        int digits = ws;
        while (digits > 0 && digit(b.charAt(digits - 1))) digits--;
        if (digits == ws) return null;
        String count = b.substring(digits, ws);
        if (digits == 0) return new Authors(null, count);
        int sep = digits;
        while (sep > 0 && authorSeparator(b.charAt(sep - 1))) sep--;
        if (sep == digits) return null;
        for (int i = 0; i < sep; i++) {
            if (lineTerminator(b.charAt(i))) return null;
        }
        return new Authors(b.substring(0, sep), count);
    }

    private static boolean authorSeparator(char c) {
        return space(c) || c == '·' || c == '•' || c == ',' || c == '-' || c == '–' || c == '—';
    }
}
