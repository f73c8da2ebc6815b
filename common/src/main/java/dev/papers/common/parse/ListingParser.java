package dev.papers.common.parse;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Incremental parser of a Daily Papers listing page (both scraped text formats): feed chunks cut anywhere,
 * receive entries as soon as they are complete, {@link #finish()} at the end of the page.
 *
 * <p>The page is read as a sequence of non-blank lines ("items"); blank lines carry no meaning, which is what
 * lets one state machine read Format A (blank-separated blocks, metadata blocks) and Format B (title / abstract
 * lines alternating) alike. An entry is a title item, an abstract item and an optional metadata group
 * ({@code • N authors} or an organisation line, then {@code ·}, then a date with an optional upvote count). An
 * organisation line can only be told from the next title by the {@code ·} after it, so one item is held back.
 *
 * <p>Memory per page is bounded: the unfinished line (at most {@link #MAX_LINE_CHARS}) plus one pending entry.
 * The whole state is the {@link State} record, so a Kafka Streams store can keep it between chunks.
 */
public final class ListingParser {
    public static final int MAX_LINE_CHARS = 100_000;

    /** A problem in the page: 1-based line, reason, sample of the input. */
    public record Problem(long line, String reason, String sample) {}

    /** Everything the parser remembers between chunks (JSON-serialisable). */
    public record State(
            String source,
            long lineNo,
            String partial,
            boolean skippingLongLine,
            boolean inHeader,
            boolean rejected,
            String pageDate,
            String title,
            long titleLine,
            String abstractText,
            Integer authors,
            String organization,
            boolean separatorSeen,
            String held,
            long heldLine,
            long entries) {

        static State initial(String source) {
            return new State(source, 0, "", false, true, false, null, null, 0, null, null, null, false, null, 0, 0);
        }
    }

    /** The result of a whole page at once. */
    public record Result(List<Entry> entries, List<Problem> problems) {}

    private static final Set<String> HEADER_LINES = Set.of(
            "new", "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
            "get trending papers in your email inbox", "subscribe", "daily papers", "byak and the research community",
            "trending papers", "papers");
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
    private static final Pattern DATE = Pattern.compile("^" + MONTH + " (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$");
    private static final Pattern PAGE_DATE = Pattern.compile("^" + MONTH + " \\d{1,2}(?:, \\d{4})?$");
    private static final Pattern AUTHORS = Pattern.compile("^•\\s*(\\d+)\\s+authors?$");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final String SUBSCRIBE = "Subscribe";

    private final String source;
    private final StringBuilder partial;
    private long lineNo;
    private boolean skippingLongLine;
    private boolean inHeader;
    private boolean rejected;
    private String pageDate;
    private String title;
    private long titleLine;
    private String abstractText;
    private Integer authors;
    private String organization;
    private boolean separatorSeen;
    private String held;
    private long heldLine;
    private long entries;

    private final List<Entry> out = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private ListingParser(State s) {
        this.source = s.source();
        this.partial = new StringBuilder(s.partial() == null ? "" : s.partial());
        this.lineNo = s.lineNo();
        this.skippingLongLine = s.skippingLongLine();
        this.inHeader = s.inHeader();
        this.rejected = s.rejected();
        this.pageDate = s.pageDate();
        this.title = s.title();
        this.titleLine = s.titleLine();
        this.abstractText = s.abstractText();
        this.authors = s.authors();
        this.organization = s.organization();
        this.separatorSeen = s.separatorSeen();
        this.held = s.held();
        this.heldLine = s.heldLine();
        this.entries = s.entries();
    }

    public static ListingParser start(String source) {
        return new ListingParser(State.initial(source));
    }

    public static ListingParser resume(State state) {
        return new ListingParser(state);
    }

    /** Parses a whole page. */
    public static Result parseAll(String source, String text) {
        ListingParser p = start(source);
        List<Entry> entries = new ArrayList<>(p.feed(text));
        entries.addAll(p.finish());
        return new Result(entries, p.drainProblems());
    }

    public State state() {
        return new State(source, lineNo, partial.toString(), skippingLongLine, inHeader, rejected, pageDate, title,
                titleLine, abstractText, authors, organization, separatorSeen, held, heldLine, entries);
    }

    /** Entries emitted so far over the whole page (across resumes). */
    public long entryCount() {
        return entries;
    }

    /** True once the page was recognised as something that is not a listing (e.g. HTML): the rest is ignored. */
    public boolean rejected() {
        return rejected;
    }

    /** Problems found since the last call. */
    public List<Problem> drainProblems() {
        List<Problem> p = List.copyOf(problems);
        problems.clear();
        return p;
    }

    /** Feeds the next piece of the page; returns the entries it completed. */
    public List<Entry> feed(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? n : nl;
            if (skippingLongLine) {
                // Already reported: drop the rest of the over-long line.
            } else if (partial.length() + (end - i) > MAX_LINE_CHARS) {
                problems.add(new Problem(lineNo + 1, "line longer than " + MAX_LINE_CHARS + " characters, skipped",
                        Reject.sample(partial.length() > 0 ? partial.toString() : text.substring(i, Math.min(end, i + 300)))));
                partial.setLength(0);
                skippingLongLine = true;
            } else {
                partial.append(text, i, end);
            }
            if (nl < 0) break;
            completeLine();
            i = nl + 1;
        }
        return drainEntries();
    }

    /** Ends the page: flushes the last line and the pending entry. */
    public List<Entry> finish() {
        if (partial.length() > 0 || skippingLongLine) completeLine();
        if (!rejected) {
            if (separatorSeen) {
                problems.add(new Problem(lineNo, "metadata block without a date at end of page", null));
                emit(null);
            } else if (held != null) {
                emit(null);
                problems.add(new Problem(heldLine, "title with no abstract at end of page", Reject.sample(held)));
                held = null;
            } else if (title != null && abstractText != null) {
                emit(null);
            } else if (title != null) {
                problems.add(new Problem(titleLine, "title with no abstract at end of page", Reject.sample(title)));
                title = null;
            }
            if (entries == 0 && problems.isEmpty()) {
                problems.add(new Problem(0, lineNo == 0 ? "empty page" : "no entries found", null));
            }
        }
        return drainEntries();
    }

    private List<Entry> drainEntries() {
        if (out.isEmpty()) return List.of();
        List<Entry> e = List.copyOf(out);
        out.clear();
        return e;
    }

    private void completeLine() {
        lineNo++;
        String raw = partial.toString();
        partial.setLength(0);
        if (skippingLongLine) {
            skippingLongLine = false;
            return;
        }
        if (rejected) return;
        String line = raw.strip();
        if (line.isEmpty()) return;
        if (hasControl(line)) {
            problems.add(new Problem(lineNo, "binary or control characters, line skipped", Reject.sample(printable(line))));
            return;
        }
        if (line.indexOf('\uFFFD') >= 0) {
            problems.add(new Problem(lineNo, "invalid UTF-8 (bytes replaced by U+FFFD)", Reject.sample(line)));
        }
        if (inHeader && header(line)) return;
        item(line);
    }

    /** Header chrome before the first entry: skipped, the page date kept. Returns true when consumed. */
    private boolean header(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (HEADER_LINES.contains(lower)) return true;
        if (pageDate == null && PAGE_DATE.matcher(line).matches()) {
            pageDate = line;
            return true;
        }
        if (lower.startsWith("<!doctype") || lower.startsWith("<html") || lower.startsWith("<?xml")) {
            return rejectPage("HTML/XML document, not a listing text page");
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return rejectPage("JSON document, not a listing text page");
        }
        inHeader = false;
        if (line.startsWith(SUBSCRIBE) && line.length() > SUBSCRIBE.length()) {
            // Format B glues the first title to the Subscribe button text.
            item(line.substring(SUBSCRIBE.length()).strip());
            return true;
        }
        return false;
    }

    private boolean rejectPage(String reason) {
        problems.add(new Problem(lineNo, reason, null));
        rejected = true;
        return true;
    }

    private void item(String line) {
        if (line.equals("·")) {
            separator();
            return;
        }
        if (separatorSeen) {
            Matcher d = DATE.matcher(line);
            if (d.matches()) {
                emit(d);
                return;
            }
            problems.add(new Problem(lineNo, "metadata block without a date", Reject.sample(line)));
            emit(null);
        }
        Matcher a = line.charAt(0) == '•' ? AUTHORS.matcher(line) : null;
        if (a != null && a.matches()) {
            flushHeld();
            if (title != null && abstractText != null && authors == null && organization == null) {
                authors = Integer.parseInt(a.group(1));
            } else {
                problems.add(new Problem(lineNo, "author count outside an entry", Reject.sample(line)));
            }
            return;
        }
        text(line);
    }

    private void separator() {
        if (held != null) {
            organization = held;
            held = null;
            separatorSeen = true;
        } else if (authors != null) {
            separatorSeen = true;
        } else {
            problems.add(new Problem(lineNo, "metadata separator outside an entry", "·"));
        }
    }

    private void text(String line) {
        if (title == null) {
            title = line;
            titleLine = lineNo;
        } else if (abstractText == null) {
            abstractText = line;
        } else if (authors != null) {
            // An author line not followed by '·': keep the count, this line starts the next entry.
            emit(null);
            title = line;
            titleLine = lineNo;
        } else if (held == null) {
            held = line;
            heldLine = lineNo;
        } else {
            flushHeld();
            abstractText = line;
        }
    }

    /** The held item was not an organisation: the pending entry has no metadata, the held item is the next title. */
    private void flushHeld() {
        if (held == null) return;
        emit(null);
        title = held;
        titleLine = heldLine;
        held = null;
    }

    private void emit(Matcher date) {
        String publishedText = null;
        String published = null;
        Integer upvotes = (authors != null || organization != null || separatorSeen) ? 0 : null;
        if (date != null) {
            String day = date.group(2);
            String year = date.group(3);
            publishedText = date.group(0).substring(0, date.group(0).length()
                    - (date.group(4) != null ? date.group(4).length() + 1 : 0));
            if (year != null) published = iso(date.group(1), day, year);
            upvotes = date.group(4) != null ? Integer.parseInt(date.group(4)) : 0;
        }
        out.add(new Entry(source, Titles.id(title), title, abstractText, authors, organization, publishedText,
                published, upvotes, pageDate));
        entries++;
        title = null;
        abstractText = null;
        authors = null;
        organization = null;
        separatorSeen = false;
    }

    private static String iso(String month, String day, String year) {
        String m = month.substring(0, 3).toLowerCase(Locale.ROOT);
        int mi = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(m) + 1;
        try {
            return LocalDate.of(Integer.parseInt(year), mi, Integer.parseInt(day)).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A char loop: this runs on every line, a regex here costs a third of the parse time. */
    private static boolean hasControl(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) return true;
        }
        return false;
    }

    private static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
