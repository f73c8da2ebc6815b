package dev.papers.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What every form of the listing prints the same way: dates, arXiv ids, paper URLs. Patterns are anchored. */
final class ListingText {
    private ListingText() {}

    /** A month name or abbreviation; its tail is bounded so a date (kept as text in the state) stays short. */
    static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,12}\\.?";
    /** A card date of the plain text forms: month, day, optional year, optional upvote count. */
    static final Pattern DATE = Pattern.compile("^" + MONTH + " (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$");
    static final Pattern PAGE_DATE = Pattern.compile("^" + MONTH + " \\d{1,2}(?:, \\d{4})?$");
    /** A new-style or old-style ({@code hep-th/9901001}: archive names are short, bounded here) arXiv id. */
    static final String ARXIV = "(\\d{4}\\.\\d{4,5}|[a-z][a-z\\-]{1,31}(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d+)?";
    /** A paper page URL (absolute or site-relative); group 1 = arXiv id. */
    static final Pattern PAPER_URL = Pattern.compile(
            "^<?(?:(?:https?://(?:www\\.)?huggingface\\.co)?/papers/|https?://(?:www\\.)?arxiv\\.org/(?:abs|pdf)/)"
                    + ARXIV + "(?:\\.pdf)?/?(?:[?#]\\S*)?>?$");
    static final Pattern URL_ONLY = Pattern.compile("^<?(?:https?://|www\\.)\\S+>?$");

    static String iso(String month, String day, String year) {
        String m = month.substring(0, 3).toLowerCase(Locale.ROOT);
        int mi = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(m) + 1;
        try {
            return LocalDate.of(Integer.parseInt(year), mi, Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code s} cut to {@code max} characters at the last blank in its second half, never inside a surrogate pair. */
    static String cutAtWord(String s, int max) {
        if (s.length() <= max) return s;
        int cut = s.lastIndexOf(' ', max);
        if (cut < max / 2) cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut).stripTrailing();
    }
}
