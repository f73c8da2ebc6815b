package dev.papers.parse;

import dev.papers.common.Reject;
import java.util.regex.Pattern;

/**
 * What every line-based form does to a line first: strip it, drop a byte-order mark, skip a binary line, remove
 * stray control characters from a text line, report undecodable bytes.
 */
final class LineCheck {
    private LineCheck() {}

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    /** The line to read ("" for a blank one), or null when it is skipped (reported). */
    static String checked(long n, String raw, PageOutput out) {
        String line = raw.strip();
        if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
        if (line.isEmpty()) return line;
        if (hasControl(line)) {
            String cleaned = withoutControls(line);
            if (cleaned.isEmpty() || controls(line) * 4L > line.length()) {
                out.problem(n, "binary or control characters, line skipped", Reject.sample(printable(line)));
                return null;
            }
            // Mostly text (a title with terminal escapes, a stray BEL): dropping it would pair every later title
            // with the wrong abstract, so the line is kept without its control characters, and reported.
            out.problem(n, "control characters removed from the line", Reject.sample(printable(line)));
            line = cleaned;
        }
        if (line.indexOf('\uFFFD') >= 0) {
            out.problem(n, "invalid UTF-8 (bytes replaced by U+FFFD)", Reject.sample(line));
        }
        return line;
    }

    /** A char loop: this runs on every line, a regex here costs a third of the parse time. */
    private static boolean hasControl(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) return true;
        }
        return false;
    }

    private static int controls(String s) {
        int k = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c == '\uFFFD') k++; // U+FFFD: undecodable bytes count as binary
        }
        return k;
    }

    /** Drops ANSI escape sequences (ESC [ ... letter) and the other C0/DEL control characters except tab. */
    static String withoutControls(String s) {
        return ANSI.matcher(s).replaceAll("").replaceAll("[\\x00-\\x08\\x0B-\\x1F\\x7F]", "").strip();
    }

    private static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
