package dev.papers.parse;

import static dev.papers.parse.ListingParser.MAX_NAMES_CHARS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line vocabulary of page-to-markdown captures and text-browser dumps: page chrome, card dates, organisation
 * chips, reference lists, cut-off marks, and the text of a line without its link syntax. No pattern here may
 * backtrack over unbounded text: links are scanned by {@link InlineSyntax}, the patterns are anchored or possessive.
 */
final class MarkedLines {
    private MarkedLines() {}

    /** Page chrome (compared lower-cased, after links are reduced to their text). */
    static final Set<String> CHROME = Set.of(
            "new", "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
            "get trending papers in your email inbox", "subscribe", "daily papers", "byak and the research community",
            "by ak and the research community", "trending papers", "papers", "trending", "daily", "weekly", "monthly",
            "daily weekly monthly", "daily | weekly | monthly", "previous", "next", "load more", "see all", "search",
            "models", "datasets", "spaces", "docs", "pricing", "log in", "sign up", "login", "community", "enterprise",
            "posts", "solutions", "collections", "submit", "submit a paper", "hugging face", "website", "github",
            "system theme", "company", "terms of service", "privacy", "about", "jobs", "blog", "learn", "forum",
            "discord", "status", "resources", "menu", "skip to content", "references", "visible links", "hidden links",
            "top", "home", "back to top", "footer", "navigation", "main navigation", "contents", "table of contents", "more", "view all", "today", "yesterday", "this week", "this month");
    private static final int CHROME_MAX_CHARS = CHROME.stream().mapToInt(String::length).max().orElse(0);
    /** A card date: optional lead-in, the comment count glued or spaced after it. */
    static final Pattern CARD_DATE = Pattern.compile(
            "^(?:[·•]\\s*)?(?:(?:Published|Submitted) on\\s+)?" + ListingText.MONTH + " (\\d{1,2})(?:, (\\d{4}))?\\s*(\\d{0,6})\\s*(?:comments?)?$");
    /** A date with the comment count's link glued after it ({@code May 2[6](…#community)}): date, count. */
    static final Pattern GLUED_COMMENTS = Pattern.compile("^([^\\[\\]]{1,40}+)\\[(\\d{1,6})\\]\\([^)\\s]*+\\)$");
    static final Pattern SETEXT = Pattern.compile("^(?:={3,}|-{3,}|\\*{3,}|_{3,})$");
    static final Pattern NUMBER = Pattern.compile("^(?:\\d{1,6}|[-–—])$");
    static final Pattern TRUNCATED = Pattern.compile(
            "(?i)^(?:\\[\\s*+(?:(?:content|page|output|text|capture)\\s*+)?truncated[^\\]]{0,80}\\]|\\(\\s*+(?:(?:content|page|output|text|capture)\\s*+)?truncated[^)]{0,80}\\))$");
    /** {@code ^(?:\d+\.\s+\S+:\S*|\[\d+\]:\s*\S+.*)$} written so that no quantifier backtracks into another. */
    static final Pattern REFERENCE_LINE = Pattern.compile("^(?:\\d++\\.\\s++\\S[^\\s:]*+:\\S*+|\\[\\d++\\]:\\s*+\\S++.*)$");
    // Organisation chips. The name group takes the blanks before it too (stripped where used): a separate \s* before
    // it backtracked quadratically over long blank runs.
    static final Pattern LYNX_ORG = Pattern.compile("^\\[\\[([^\\]]++)\\]([^\\]]++)\\]\\[\\d++\\]$");
    static final Pattern MD_ORG = Pattern.compile(
            "^\\[!\\[([^\\]]*+)\\]\\([^)]*+\\)([^\\]]++)\\]\\((?:https?://(?:www\\.)?huggingface\\.co)?/([A-Za-z0-9][\\w.\\-]*+)/?\\)$");
    static final Pattern LYNX_MARK = Pattern.compile("\\[\\d+\\](?=\\S)");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~&])");
    static final Pattern BULLET = Pattern.compile("^(?:[-*+•]\\s+|[-*+•](?=\\d))");

    static boolean unbalanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
        }
        return depth > 0;
    }

    static boolean hasLink(String s) {
        return s.contains("](") || s.contains("][") || s.startsWith("[");
    }

    /** The target of the first inline link ({@code [t](url)}), "" for a reference link, null when there is none. */
    static String firstLinkTarget(String s) {
        String x = InlineSyntax.withoutImages(s);
        String target = InlineSyntax.firstInlineTarget(x);
        if (target != null) return target;
        return InlineSyntax.hasRefLink(x) ? "" : null;
    }

    /** The text of a line without Markdown/browser syntax: images dropped, links reduced to their text, unescaped. */
    static String clean(String s, boolean markdownEscapes) {
        String x = InlineSyntax.withoutImages(s);
        for (int i = 0; i < 4; i++) {
            String y = InlineSyntax.inlineLinks(x, true);
            y = InlineSyntax.refLinks(y, true);
            if (y.equals(x)) break;
            x = y;
        }
        x = LYNX_MARK.matcher(x).replaceAll("");
        x = x.replaceAll("^\\[\\d+\\]$", "");
        if (markdownEscapes) x = unescape(x);
        x = x.replace("**", "").replaceAll("\\s+", " ").strip();
        return x;
    }

    static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : ESCAPE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /** A link text whose arXiv line breaks were kept as Markdown hard breaks ({@code \\} before a blank): joined. */
    static String withoutHardBreaks(String s) {
        if (s.indexOf('\\') < 0) return stripHardBreak(s);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = s.length() - 1; i >= 0; i--) {
            char ch = s.charAt(i);
            // Right to left, so a run of backslashes before a blank (or the end) goes as a whole.
            if (ch == '\\' && (b.length() == 0 || InlineSyntax.space(b.charAt(b.length() - 1)))) continue;
            b.append(ch);
        }
        return b.reverse().toString().replaceAll("\\s+", " ").strip();
    }

    static String stripHardBreak(String s) {
        String x = s;
        while (x.endsWith("\\")) x = x.substring(0, x.length() - 1).stripTrailing();
        return x;
    }

    static String stripBullets(String s) {
        String x = s;
        for (int i = 0; i < 4; i++) {
            Matcher m = BULLET.matcher(x);
            if (!m.find()) break;
            x = x.substring(m.end()).strip();
        }
        return x;
    }

    /** True when the line is made of links/images only (navigation, avatars), whatever their text. */
    static boolean linkOnly(String line) {
        if (!line.contains("](") && !line.contains("][")) return false;
        String x = InlineSyntax.withoutImages(line);
        x = InlineSyntax.inlineLinks(x, false);
        x = InlineSyntax.refLinks(x, false);
        x = LYNX_MARK.matcher(x).replaceAll("");
        x = x.replaceAll("[\\s|·•*+\\-–—,.:;()]+", "");
        return x.isEmpty();
    }

    /** Inside an abstract only an exact, capitalised chrome line counts (a wrapped line may be one word). */
    static boolean strictChrome(String c) {
        return !c.isEmpty() && Character.isUpperCase(c.charAt(0)) && CHROME.contains(c.toLowerCase(Locale.ROOT));
    }

    static boolean isChrome(String c) {
        String l = c.toLowerCase(Locale.ROOT).strip();
        if (CHROME.contains(l)) return true;
        // The words keep every letter and digit: more of them than the longest chrome line has cannot be chrome.
        int letters = 0;
        for (int i = 0, n = l.length(); i < n && letters <= CHROME_MAX_CHARS; i++) {
            if (Character.isLetterOrDigit(l.charAt(i))) letters++;
        }
        if (letters > CHROME_MAX_CHARS) return false;
        String words = l.replaceAll("[^\\p{L}\\p{N} ]+", " ").replaceAll("\\s+", " ").strip();
        return words.isEmpty() || CHROME.contains(words);
    }

    /** The names before "N authors"; null when there are none or they are longer than {@link #MAX_NAMES_CHARS}. */
    static List<String> names(String s) {
        if (s == null) return null;
        String x = s.strip();
        if (x.isEmpty() || x.length() > MAX_NAMES_CHARS) return null;
        List<String> names = new ArrayList<>();
        for (String n : x.split("\\s*,\\s*|\\s+and\\s+|\\s*;\\s*")) {
            String t = n.strip();
            if (!t.isEmpty()) names.add(t);
        }
        return names.isEmpty() ? null : names;
    }
}
