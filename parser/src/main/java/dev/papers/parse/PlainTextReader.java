package dev.papers.parse;

import static dev.papers.parse.ListingParser.MAX_ABSTRACT_CHARS;
import static dev.papers.parse.ListingParser.MAX_ORGANIZATION_CHARS;
import static dev.papers.parse.ListingParser.MAX_TITLE_CHARS;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two scraped text formats (A: blank-separated blocks with metadata blocks {@code • N authors} / organisation,
 * {@code ·}, date and upvotes; B: title and abstract lines alternating), also with paper URLs on their own lines
 * before or after the title (they give the arXiv id). At most one entry and one held line are pending.
 */
final class PlainTextReader implements LineReader {
    /** Everything this reader keeps between chunks. */
    public record State(boolean inHeader, String pageDate, String title, long titleLine, String abstractText,
                        Integer authors, String organization, boolean separatorSeen, String held, long heldLine,
                        String arxivId, String pendingArxiv, boolean urlsLead) implements ReaderState {
        static State initial() {
            return new State(true, null, null, 0, null, null, null, false, null, 0, null, null, false);
        }
    }

    static final String SUBSCRIBE = "Subscribe";
    static final Pattern AUTHORS = Pattern.compile("^•\\s*(\\d+)\\s+authors?$");
    private static final Set<String> HEADER_LINES = Set.of(
            "new", "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
            "get trending papers in your email inbox", "subscribe", "daily papers", "byak and the research community",
            "trending papers", "papers");

    private final PageOutput out;
    private boolean inHeader;
    private String pageDate;
    private String title;
    private long titleLine;
    private String abstractText;
    private Integer authors;
    private String organization;
    private boolean separatorSeen;
    private String held;
    private long heldLine;
    private String arxivId;
    private String pendingArxiv;
    /** The paper URLs of this page come before their titles (learnt from the first one). */
    private boolean urlsLead;
    /** Line of the item being read. */
    private long at;

    PlainTextReader(PageOutput out, State s) {
        this.out = out;
        if (s == null) s = State.initial();
        inHeader = s.inHeader();
        pageDate = s.pageDate();
        title = s.title();
        titleLine = s.titleLine();
        abstractText = s.abstractText();
        authors = s.authors();
        organization = s.organization();
        separatorSeen = s.separatorSeen();
        held = s.held();
        heldLine = s.heldLine();
        arxivId = s.arxivId();
        pendingArxiv = s.pendingArxiv();
        urlsLead = s.urlsLead();
    }

    @Override
    public State state() {
        return new State(inHeader, pageDate, title, titleLine, abstractText, authors, organization, separatorSeen, held,
                heldLine, arxivId, pendingArxiv, urlsLead);
    }

    @Override
    public void line(long n, String line) {
        at = n;
        if (urlLine(line)) return;
        if (inHeader && header(line)) return;
        item(line);
    }

    @Override
    public void blank(long n) {
        // Blank lines separate nothing these formats need.
    }

    @Override
    public void finish(long lastLine) {
        if (separatorSeen) {
            out.problem(lastLine, "metadata block without a date at end of page", null);
            emit(null);
        } else if (held != null) {
            emit(null);
            out.problem(heldLine, "title with no abstract at end of page", Reject.sample(held));
            held = null;
        } else if (title != null && abstractText != null) {
            emit(null);
        } else if (title != null) {
            out.problem(titleLine, "title with no abstract at end of page", Reject.sample(title));
            title = null;
        }
    }

    /** A line that is only a URL: a paper URL gives the arXiv id, any other is skipped. Returns true when consumed. */
    private boolean urlLine(String line) {
        if (line.indexOf(' ') >= 0 || !ListingText.URL_ONLY.matcher(line).matches()) return false;
        Matcher m = ListingText.PAPER_URL.matcher(line);
        if (!m.matches()) return true;
        String id = m.group(1);
        if (held != null) flushHeld();
        if (title != null && abstractText == null && arxivId == null) {
            arxivId = id; // Title / URL / abstract
            urlsLead = false;
        } else if (title != null && arxivId == null && !separatorSeen && !urlsLead) {
            arxivId = id; // Title / abstract / URL
        } else {
            pendingArxiv = id; // URL / title / abstract
        }
        return true;
    }

    /** Header chrome before the first entry: skipped, the page date kept. Returns true when consumed. */
    private boolean header(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (HEADER_LINES.contains(lower)) return true;
        if (pageDate == null && ListingText.PAGE_DATE.matcher(line).matches()) {
            pageDate = line;
            return true;
        }
        if (lower.startsWith("<!doctype") || lower.startsWith("<html") || lower.startsWith("<?xml")) {
            return rejectPage("HTML/XML document, not a listing text page");
        }
        if (lower.startsWith("{") || lower.startsWith("[{") || lower.equals("[")) {
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
        out.problem(at, reason + " (read as text because the format was forced)", null);
        out.reject();
        return true;
    }

    private void item(String line) {
        if (line.equals("·")) {
            separator();
            return;
        }
        if (separatorSeen) {
            Matcher d = ListingText.DATE.matcher(line);
            if (d.matches()) {
                emit(d);
                return;
            }
            out.problem(at, "metadata block without a date", Reject.sample(line));
            emit(null);
            if (garbledDate(line)) return; // it stood where the date belongs: the next line is the next title
        }
        Matcher a = line.charAt(0) == '•' ? AUTHORS.matcher(line) : null;
        if (a != null && a.matches()) {
            flushHeld();
            if (title != null && abstractText != null && authors == null && organization == null) {
                authors = out.count(a.group(1), "author count", at);
            } else {
                out.problem(at, "author count outside an entry", Reject.sample(line));
            }
            return;
        }
        text(line);
    }

    private void separator() {
        if (held != null) {
            organization = out.capped(held, MAX_ORGANIZATION_CHARS, "organization", heldLine);
            held = null;
            separatorSeen = true;
        } else if (authors != null) {
            separatorSeen = true;
        } else {
            out.problem(at, "metadata separator outside an entry", "·");
        }
    }

    private void text(String line) {
        if (title == null && (ListingText.DATE.matcher(line).matches() || ListingText.PAGE_DATE.matcher(line).matches())) {
            // A date where a title belongs: the rest of a metadata block whose entry is missing, not a paper.
            out.problem(at, "date outside an entry", Reject.sample(line));
            return;
        }
        if (title == null) {
            newTitle(line, at);
        } else if (abstractText == null) {
            abstractText = out.capped(line, MAX_ABSTRACT_CHARS, "abstract", at);
        } else if (authors != null) {
            // An author line not followed by '·': keep the count, this line starts the next entry.
            emit(null);
            newTitle(line, at);
        } else if (held == null && line.length() > MAX_TITLE_CHARS) {
            // Too long for an organisation: what a held line would become, the next title, at once.
            emit(null);
            newTitle(line, at);
        } else if (held == null) {
            held = line;
            heldLine = at;
        } else {
            flushHeld();
            abstractText = out.capped(line, MAX_ABSTRACT_CHARS, "abstract", at);
        }
    }

    private void newTitle(String line, long n) {
        title = out.capped(line, MAX_TITLE_CHARS, "title", n);
        titleLine = n;
        if (pendingArxiv != null) {
            arxivId = pendingArxiv;
            pendingArxiv = null;
            urlsLead = true;
        }
    }

    /** The held item was not an organisation: the pending entry has no metadata, the held item is the next title. */
    private void flushHeld() {
        if (held == null) return;
        emit(null);
        newTitle(held, heldLine);
        held = null;
    }

    private void emit(Matcher date) {
        String pubText = null;
        String pub = null;
        Integer votes = (authors != null || organization != null || separatorSeen) ? 0 : null;
        if (date != null) {
            String day = date.group(2);
            String year = date.group(3);
            pubText = date.group(0).substring(0, date.group(0).length()
                    - (date.group(4) != null ? date.group(4).length() + 1 : 0));
            if (year != null) pub = ListingText.iso(date.group(1), day, year);
            votes = date.group(4) != null ? out.count(date.group(4), "upvote count", at) : Integer.valueOf(0);
        }
        out.entry(new Entry(out.source, Titles.id(title), title, abstractText, authors, organization, pubText,
                pub, votes, pageDate, arxivId, null, null));
        title = null;
        abstractText = null;
        authors = null;
        organization = null;
        separatorSeen = false;
        arxivId = null;
    }

    /** Where the date should be: lower-case or digit start, or at most four words — not how titles look. */
    private static boolean garbledDate(String line) {
        char c = line.charAt(0);
        return Character.isLowerCase(c) || Character.isDigit(c) || line.split("\\s+").length <= 4;
    }
}
