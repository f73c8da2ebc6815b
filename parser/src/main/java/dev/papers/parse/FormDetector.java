package dev.papers.parse;

import dev.papers.parse.ListingParser.Format;
import dev.papers.parse.ListingParser.HeldLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises the form of a page from its content, never its name. The first non-blank characters tell a document
 * ({@code <}: markup, HTML or a feed; <code>{</code> or {@code [{}: JSON) from text ({@link #sniff}); for text, lines
 * are held back (at most {@link ListingParser#LOOKAHEAD_LINES} / {@code LOOKAHEAD_CHARS}) until one is typical of a
 * form ({@link #classify}), then replayed to that form's reader.
 */
final class FormDetector {
    private static final Pattern HTML_START = Pattern.compile("<(?:!|\\?|[A-Za-z][A-Za-z0-9-]*[\\s>/])");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S.*");
    private static final Pattern BROWSER_REF = Pattern.compile(".*\\]\\[\\d+\\].*");
    private static final Pattern BROWSER_MARK = Pattern.compile("^\\[\\d+\\]\\S.*");

    private final List<HeldLine> held;
    private long heldChars;

    FormDetector(List<HeldLine> held) {
        this.held = new ArrayList<>(held == null ? List.of() : held);
        for (HeldLine h : this.held) heldChars += h.text().length();
    }

    List<HeldLine> held() {
        return held.isEmpty() ? null : List.copyOf(held);
    }

    /**
     * The kind of page its first characters show: {@link Format#HTML} (markup), {@link Format#JSON}, {@link Format#AUTO}
     * (text, form still to recognise), or null while only blanks (or too little) came.
     */
    static Format sniff(String s) {
        int k = 0;
        while (k < s.length() && (Character.isWhitespace(s.charAt(k)) || s.charAt(k) == '\uFEFF')) k++;
        if (k >= s.length()) return null;
        char c = s.charAt(k);
        if (c == '<') {
            // A tag or declaration ("<!doctype", "<html ", "<?xml", "<rss "), not an autolink ("<https://...>").
            String head = s.substring(k, Math.min(s.length(), k + 64));
            if (HTML_START.matcher(head).lookingAt()) return Format.HTML;
            return head.length() == 64 || head.indexOf('>') >= 0 || head.indexOf('\n') >= 0 ? Format.AUTO : null;
        }
        if (c == '{') return Format.JSON;
        if (c == '[') {
            int j = k + 1;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
            if (j >= s.length()) return null;
            char d = s.charAt(j);
            return d == '{' || d == ']' ? Format.JSON : Format.AUTO;
        }
        return Format.AUTO;
    }

    /** The text form a line is typical of, or null when it could be any. */
    static Format classify(String line) {
        if (HEADING.matcher(line).matches()) {
            return line.contains("][") ? Format.BROWSER : Format.MARKDOWN;
        }
        if (line.contains("](http") || line.contains("](/") || line.contains("![")) return Format.MARKDOWN;
        if (InlineSyntax.hasRefLink(line) && BROWSER_REF.matcher(line).matches()) return Format.BROWSER;
        if (BROWSER_MARK.matcher(line).matches() || MarkedLines.TRUNCATED.matcher(line).matches()) return Format.BROWSER;
        if (LinkLinesReader.typical(line)) return Format.LINK_LINES;
        if (line.equals("·") || PlainTextReader.AUTHORS.matcher(line).matches()) return Format.TEXT;
        if (line.startsWith(PlainTextReader.SUBSCRIBE) && line.length() > PlainTextReader.SUBSCRIBE.length()) return Format.TEXT;
        if (line.length() >= 250) return Format.TEXT;
        return null;
    }

    /** Holds a blank line; beyond the line limit a run of blanks is held as one (the next line decides anyway). */
    void blank(long n) {
        if (!held.isEmpty() && (held.size() < ListingParser.LOOKAHEAD_LINES || !held.get(held.size() - 1).text().isEmpty())) {
            held.add(new HeldLine(n, ""));
        }
    }

    /** True when the line cannot be held any more: the form must be decided on it, before it is replayed. */
    boolean full(String line) {
        return heldChars + line.length() > ListingParser.LOOKAHEAD_CHARS;
    }

    /** Holds a line; returns the form once it is known (then {@link #replay} the held lines), else null. */
    Format hold(long n, String line) {
        Format f = classifyHeld(line);
        held.add(new HeldLine(n, line));
        heldChars += line.length();
        if (f != null) return f;
        if (held.size() < ListingParser.LOOKAHEAD_LINES && heldChars < ListingParser.LOOKAHEAD_CHARS) return null;
        return bareHeadingHeld() ? Format.MARKDOWN : Format.TEXT;
    }

    /**
     * The form this line tells, given the lines held before it. A heading without a link is Markdown unless a line
     * only {@link Format#LINK_LINES} exports have comes before any other sign (such exports start with the page
     * title as a heading), so it alone does not decide.
     */
    Format classifyHeld(String line) {
        Format f = classify(line);
        boolean bare = f == Format.MARKDOWN && bareHeading(line);
        boolean before = bareHeadingHeld();
        if (bare) return null;
        if (f == null || !before) return f;
        return f == Format.LINK_LINES ? f : Format.MARKDOWN;
    }

    /** The form of a page whose look-ahead is full at this line (it is replayed after the held ones). */
    Format decideNow(String line) {
        Format f = classifyHeld(line);
        if (f != null) return f;
        return bareHeadingHeld() || (HEADING.matcher(line).matches() && bareHeading(line)) ? Format.MARKDOWN : Format.TEXT;
    }

    /** The form of a page that ended while undecided: Markdown when it had a heading, else plain text. */
    Format atEnd() {
        return bareHeadingHeld() ? Format.MARKDOWN : Format.TEXT;
    }

    private boolean bareHeadingHeld() {
        for (HeldLine h : held) {
            if (HEADING.matcher(h.text()).matches() && bareHeading(h.text())) return true;
        }
        return false;
    }

    private static boolean bareHeading(String line) {
        return !line.contains("](") && !line.contains("][") && !line.contains("![");
    }

    /** The held lines, forgotten here. */
    List<HeldLine> replay() {
        List<HeldLine> r = List.copyOf(held);
        held.clear();
        heldChars = 0;
        return r;
    }
}
