package dev.papers.parse;

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
 * Incremental parser of a Daily Papers listing page in any of the forms users have: feed chunks cut anywhere,
 * receive entries as soon as they are complete, {@link #finish()} at the end of the page.
 *
 * <p>The form is recognised from the page itself ({@link Format#AUTO}) or forced:
 * <ul>
 *   <li>{@link Format#TEXT}: the two scraped text formats (A: blank-separated blocks with metadata blocks, B: title /
 *   abstract lines alternating), also with paper URLs on their own lines (they give the arXiv id);</li>
 *   <li>{@link Format#MARKDOWN} / {@link Format#BROWSER}: page-to-markdown captures and text-browser dumps, where a
 *   heading starts each entry (inline {@code [t](url)} and reference {@code [t][12]} links, wrapped abstracts and
 *   titles, author bullets, upvote boxes, dates glued to comment counts, chrome, desktop+mobile duplicate cards,
 *   {@code [Content truncated]});</li>
 *   <li>{@link Format#HTML}: the saved page (the list is the JSON in {@code data-props} of
 *   {@code data-target="DailyPapers"}, else its visible text) and {@link Format#JSON}: the {@code api/daily_papers}
 *   array. These are whole documents: they are buffered (at most {@link #MAX_DOCUMENT_CHARS}) and parsed at
 *   {@link #finish()}.</li>
 * </ul>
 * A page starting with {@code <} is HTML, with {@code {} or {@code [ {} JSON; otherwise lines are held back (at most
 * {@link #LOOKAHEAD_LINES}) until one is typical of Markdown/browser dumps or of the plain text formats.
 *
 * <p>Text is read line by line. The whole state is the {@link State} record, which the processor stores as JSON after
 * every chunk, so every text it can hold is bounded, whatever the input (issue #24), to at most 48 Ki characters in
 * all (about 150 KiB of JSON in the worst case: a partial line of control characters, six bytes each once escaped, and
 * 3-byte characters everywhere else):
 * <ul>
 *   <li>the unfinished line: {@link #MAX_LINE_CHARS} (a longer line is skipped and reported);</li>
 *   <li>while the form is unknown: the blanks before the first character ({@code SNIFF_CHARS}), then the held-back
 *   lines ({@link #LOOKAHEAD_LINES}, {@link #LOOKAHEAD_CHARS}) — nothing else is held then;</li>
 *   <li>the pending entry and the one held back to merge desktop/mobile duplicates, each: title
 *   {@link #MAX_TITLE_CHARS} (a heading still open over several lines: twice that), abstract
 *   {@link #MAX_ABSTRACT_CHARS} (longer ones are cut at a word boundary, reported with the line), organisation
 *   {@link #MAX_ORGANIZATION_CHARS}, author names {@link #MAX_NAMES_CHARS} (a longer list is not kept, the count is),
 *   dates and arXiv ids by their patterns; plain text: one held line of at most {@link #MAX_TITLE_CHARS}.</li>
 * </ul>
 * Real abstracts are under 2,500 characters (arXiv allows 1,920). A whole HTML/JSON document is not part of this bound:
 * the caller takes it out with {@link #takeDocument()}.
 *
 * <p>No regular expression here may backtrack or recurse over unbounded text: links and headings are scanned by
 * {@link InlineSyntax}, the remaining patterns are anchored or possessive.
 */
public final class ListingParser {
    public static final int MAX_LINE_CHARS = 16 * 1024;
    /** Largest HTML/JSON document buffered (the processor's default page limit). */
    public static final int MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
    /** Lines held back at most while the text form is unknown (then it is plain text). */
    public static final int LOOKAHEAD_LINES = 200;
    static final int LOOKAHEAD_CHARS = 16 * 1024;
    /** Blanks buffered at most before the first character tells a document from text. */
    static final int SNIFF_CHARS = 16 * 1024;
    static final int MAX_TITLE_CHARS = 1024;
    static final int MAX_ABSTRACT_CHARS = 6 * 1024;
    static final int MAX_ORGANIZATION_CHARS = 256;
    static final int MAX_NAMES_CHARS = 1024;
    /** A link text this long after a title is the abstract (HF cards link it to the paper), not a thumbnail link. */
    static final int LINKED_ABSTRACT_CHARS = 250;

    /** The page forms. {@code AUTO} recognises the others from the page. */
    public enum Format {
        AUTO, TEXT, MARKDOWN, BROWSER, HTML, JSON;

        /** Case-insensitive name; {@code lynx}, {@code links} and {@code md} are accepted too. */
        public static Format parse(String s) {
            String n = s.strip().toUpperCase(Locale.ROOT);
            return switch (n) {
                case "LYNX", "LINKS", "W3M" -> BROWSER;
                case "MD" -> MARKDOWN;
                case "PLAIN", "TXT" -> TEXT;
                default -> Format.valueOf(n);
            };
        }
    }

    /** A problem in the page: 1-based line, reason, sample of the input. */
    public record Problem(long line, String reason, String sample) {}

    /** A line held back while the form of the page is unknown. */
    public record HeldLine(long line, String text) {}

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
            long entries,
            // --- page forms (issue #11) ---
            Format format,
            Format form,
            String document,
            List<HeldLine> lookahead,
            String arxivId,
            String pendingArxiv,
            List<String> authorNames,
            String publishedText,
            String published,
            Integer comments,
            Integer upvotes,
            Integer pendingUpvotes,
            String pendingNumber,
            int phase,
            boolean headingOpen,
            boolean lastWasHeading,
            List<String> bulletNames,
            Entry heldEntry,
            long heldEntryLine,
            boolean urlsLead) {

        /** The state shape before page forms: a plain-text page. */
        public State(String source, long lineNo, String partial, boolean skippingLongLine, boolean inHeader,
                     boolean rejected, String pageDate, String title, long titleLine, String abstractText,
                     Integer authors, String organization, boolean separatorSeen, String held, long heldLine,
                     long entries) {
            this(source, lineNo, partial, skippingLongLine, inHeader, rejected, pageDate, title, titleLine,
                    abstractText, authors, organization, separatorSeen, held, heldLine, entries, Format.TEXT,
                    Format.TEXT, null, null, null, null, null, null, null, null, null, null, null, 0, false, false,
                    null, null, 0, false);
        }

        static State initial(String source, Format format) {
            Format f = format == null ? Format.AUTO : format;
            Format form = f == Format.AUTO ? null : f;
            return new State(source, 0, "", false, true, false, null, null, 0, null, null, null, false, null, 0, 0,
                    f, form, null, null, null, null, null, null, null, null, null, null, null, 0, false, false,
                    null, null, 0, false);
        }
    }

    /** The result of a whole page at once. */
    public record Result(List<Entry> entries, List<Problem> problems) {}

    private static final Set<String> HEADER_LINES = Set.of(
            "new", "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
            "get trending papers in your email inbox", "subscribe", "daily papers", "byak and the research community",
            "trending papers", "papers");
    /** Page chrome of Markdown/browser captures (compared lower-cased, after links are reduced to their text). */
    private static final Set<String> CHROME = Set.of(
            "new", "get trending papers in your email inbox!", "get trending papers in your email inbox once a day!",
            "get trending papers in your email inbox", "subscribe", "daily papers", "byak and the research community",
            "by ak and the research community", "trending papers", "papers", "trending", "daily", "weekly", "monthly",
            "daily weekly monthly", "daily | weekly | monthly", "previous", "next", "load more", "see all", "search",
            "models", "datasets", "spaces", "docs", "pricing", "log in", "sign up", "login", "community", "enterprise",
            "posts", "solutions", "collections", "submit", "submit a paper", "hugging face", "website", "github",
            "system theme", "company", "terms of service", "privacy", "about", "jobs", "blog", "learn", "forum",
            "discord", "status", "resources", "menu", "skip to content", "references", "visible links", "hidden links",
            "top", "home", "back to top", "footer", "navigation", "main navigation", "contents", "table of contents", "more", "view all", "today", "yesterday", "this week", "this month");
    /** A month name or abbreviation; its tail is bounded so a date (kept as text in the state) stays short. */
    private static final int CHROME_MAX_CHARS = CHROME.stream().mapToInt(String::length).max().orElse(0);
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,12}\\.?";
    private static final Pattern DATE = Pattern.compile("^" + MONTH + " (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$");
    private static final Pattern PAGE_DATE = Pattern.compile("^" + MONTH + " \\d{1,2}(?:, \\d{4})?$");
    /** A card date in Markdown/browser dumps: optional lead-in, the comment count glued or spaced after it. */
    private static final Pattern CARD_DATE = Pattern.compile(
            "^(?:[·•]\\s*)?(?:(?:Published|Submitted) on\\s+)?" + MONTH + " (\\d{1,2})(?:, (\\d{4}))?\\s*(\\d{0,6})\\s*(?:comments?)?$");
    private static final Pattern AUTHORS = Pattern.compile("^•\\s*(\\d+)\\s+authors?$");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final String SUBSCRIBE = "Subscribe";

    /** A new-style or old-style ({@code hep-th/9901001}: archive names are short, bounded here) arXiv id. */
    static final String ARXIV = "(\\d{4}\\.\\d{4,5}|[a-z][a-z\\-]{1,31}(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d+)?";
    /** A paper page URL (absolute or site-relative); group 1 = arXiv id. */
    static final Pattern PAPER_URL = Pattern.compile(
            "^<?(?:(?:https?://(?:www\\.)?huggingface\\.co)?/papers/|https?://(?:www\\.)?arxiv\\.org/(?:abs|pdf)/)"
                    + ARXIV + "(?:\\.pdf)?/?(?:[?#]\\S*)?>?$");
    private static final Pattern HTML_START = Pattern.compile("<(?:!|\\?|[A-Za-z][A-Za-z0-9-]*[\\s>/])");
    private static final Pattern URL_ONLY = Pattern.compile("^<?(?:https?://|www\\.)\\S+>?$");
    private static final Pattern SETEXT = Pattern.compile("^(?:={3,}|-{3,}|\\*{3,}|_{3,})$");
    private static final Pattern NUMBER = Pattern.compile("^(?:\\d{1,6}|[-–—])$");
    static final Pattern TRUNCATED = Pattern.compile(
            "(?i)^(?:\\[\\s*+(?:(?:content|page|output|text|capture)\\s*+)?truncated[^\\]]{0,80}\\]|\\(\\s*+(?:(?:content|page|output|text|capture)\\s*+)?truncated[^)]{0,80}\\))$");
    /** {@code ^(?:\d+\.\s+\S+:\S*|\[\d+\]:\s*\S+.*)$} written so that no quantifier backtracks into another. */
    static final Pattern REFERENCE_LINE = Pattern.compile("^(?:\\d++\\.\\s++\\S[^\\s:]*+:\\S*+|\\[\\d++\\]:\\s*+\\S++.*)$");
    // Organisation chips. The name group takes the blanks before it too (stripped where used): a separate \s* before
    // it backtracked quadratically over long blank runs.
    static final Pattern LYNX_ORG = Pattern.compile("^\\[\\[([^\\]]++)\\]([^\\]]++)\\]\\[\\d++\\]$");
    static final Pattern MD_ORG = Pattern.compile(
            "^\\[!\\[([^\\]]*+)\\]\\([^)]*+\\)([^\\]]++)\\]\\((?:https?://(?:www\\.)?huggingface\\.co)?/([A-Za-z0-9][\\w.\\-]*+)/?\\)$");
    private static final Pattern LYNX_MARK = Pattern.compile("\\[\\d+\\](?=\\S)");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>~&])");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*+•]\\s+|[-*+•](?=\\d))");

    // phases of the Markdown/browser machine
    private static final int CHROME_PHASE = 0;
    private static final int TITLE_PHASE = 1;
    private static final int ABSTRACT_PHASE = 2;
    private static final int META_PHASE = 3;
    private static final int END_PHASE = 4;

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
    private final Format format;
    private Format form;
    private final StringBuilder document;
    private final List<HeldLine> lookahead;
    private long lookaheadChars;
    private String arxivId;
    private String pendingArxiv;
    private List<String> authorNames;
    private String publishedText;
    private String published;
    private Integer comments;
    private Integer upvotes;
    private Integer pendingUpvotes;
    private String pendingNumber;
    private int phase;
    private boolean headingOpen;
    private boolean lastWasHeading;
    private List<String> bulletNames;
    private Entry heldEntry;
    private long heldEntryLine;
    /** Plain text: the paper URLs of this page come before their titles (learnt from the first one). */
    private boolean urlsLead;

    /** Line number of the item being processed (differs from {@link #lineNo} while held-back lines are replayed). */
    private long at;

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
        this.format = s.format() == null ? Format.TEXT : s.format();
        this.form = s.format() == null && s.form() == null ? Format.TEXT : s.form();
        this.document = new StringBuilder(s.document() == null ? "" : s.document());
        this.lookahead = new ArrayList<>(s.lookahead() == null ? List.of() : s.lookahead());
        for (HeldLine h : lookahead) lookaheadChars += h.text().length();
        this.arxivId = s.arxivId();
        this.pendingArxiv = s.pendingArxiv();
        this.authorNames = s.authorNames() == null ? null : new ArrayList<>(s.authorNames());
        this.publishedText = s.publishedText();
        this.published = s.published();
        this.comments = s.comments();
        this.upvotes = s.upvotes();
        this.pendingUpvotes = s.pendingUpvotes();
        this.pendingNumber = s.pendingNumber();
        this.phase = s.phase();
        this.headingOpen = s.headingOpen();
        this.lastWasHeading = s.lastWasHeading();
        this.bulletNames = s.bulletNames() == null ? null : new ArrayList<>(s.bulletNames());
        this.heldEntry = s.heldEntry();
        this.heldEntryLine = s.heldEntryLine();
        this.urlsLead = s.urlsLead();
    }

    public static ListingParser start(String source) {
        return start(source, Format.AUTO);
    }

    /** A parser for one page; {@code format} forces a form ({@link Format#AUTO} or null: recognise it). */
    public static ListingParser start(String source, Format format) {
        return new ListingParser(State.initial(source, format));
    }

    public static ListingParser resume(State state) {
        return new ListingParser(state);
    }

    /** Parses a whole page. */
    public static Result parseAll(String source, String text) {
        return parseAll(source, text, Format.AUTO);
    }

    /** Parses a whole page in the given form ({@link Format#AUTO}: recognise it). */
    public static Result parseAll(String source, String text, Format format) {
        ListingParser p = start(source, format);
        List<Entry> entries = new ArrayList<>(p.feed(text));
        entries.addAll(p.finish());
        return new Result(entries, p.drainProblems());
    }

    public State state() {
        return new State(source, lineNo, partial.toString(), skippingLongLine, inHeader, rejected, pageDate, title,
                titleLine, abstractText, authors, organization, separatorSeen, held, heldLine, entries, format, form,
                document.length() == 0 ? null : document.toString(), lookahead.isEmpty() ? null : List.copyOf(lookahead),
                arxivId, pendingArxiv, authorNames == null ? null : List.copyOf(authorNames), publishedText, published,
                comments, upvotes, pendingUpvotes, pendingNumber, phase, headingOpen, lastWasHeading,
                bulletNames == null ? null : List.copyOf(bulletNames), heldEntry, heldEntryLine, urlsLead);
    }

    /** Entries emitted so far over the whole page (across resumes). */
    public long entryCount() {
        return entries;
    }

    /** The form of the page: the forced one, the recognised one, or null while it is not known yet. */
    public Format form() {
        return form;
    }

    /**
     * For a page recognised as a whole document (HTML/JSON): hands over the text buffered so far and forgets it, so
     * a caller that receives the page in pieces can keep them apart (the processor stores them as separate records)
     * and parse the assembled document once with {@link #parseAll}. Null for text pages and while undecided.
     */
    public String takeDocument() {
        if (form != Format.HTML && form != Format.JSON) return null;
        String d = document.toString();
        document.setLength(0);
        return d;
    }

    /** True once the page was recognised as something that cannot be read (e.g. an over-long document). */
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
        if (rejected) return List.of();
        if (form == null) {
            text = sniff(text);
            if (text == null) return List.of();
        }
        if (form == Format.HTML || form == Format.JSON) {
            if (document.length() + (long) text.length() > MAX_DOCUMENT_CHARS) {
                problems.add(new Problem(lineNo, form + " document larger than " + MAX_DOCUMENT_CHARS
                        + " characters, page dropped", Reject.sample(document.length() > 0 ? document.substring(0, Math.min(300, document.length())) : text)));
                document.setLength(0);
                rejected = true;
                return List.of();
            }
            document.append(text);
            return List.of();
        }
        int i = 0;
        int n = text.length();
        if (n == 0) return drainEntries();
        // A piece that ended on '\r' left it at the end of the partial line: the line ended there, and a '\n' now
        // is the second half of a CRLF.
        if (partial.length() > 0 && partial.charAt(partial.length() - 1) == '\r') {
            completeLine();
            if (text.charAt(0) == '\n') i = 1;
        }
        // Line breaks: LF, CRLF, and a lone CR (old Mac files). Both searches stay amortised linear.
        int nextLf = text.indexOf('\n', i);
        int nextCr = text.indexOf('\r', i);
        while (i < n) {
            if (nextLf >= 0 && nextLf < i) nextLf = text.indexOf('\n', i);
            if (nextCr >= 0 && nextCr < i) nextCr = text.indexOf('\r', i);
            int nl = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
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
            if (text.charAt(nl) == '\r') {
                if (nl + 1 == n) {
                    if (!skippingLongLine) partial.append('\r'); // CR or CRLF: the next piece tells
                    break;
                }
                completeLine();
                i = text.charAt(nl + 1) == '\n' ? nl + 2 : nl + 1;
                continue;
            }
            completeLine();
            i = nl + 1;
        }
        return drainEntries();
    }

    /**
     * Tells documents from text by the first non-blank characters ({@code <}: HTML; <code>{</code> or {@code [}
     * then <code>{</code>/{@code ]}: JSON). Returns the text to go on with, or null while undecided.
     */
    private String sniff(String text) {
        String s = document.length() == 0 ? text : document + text;
        document.setLength(0);
        int k = 0;
        while (k < s.length() && (Character.isWhitespace(s.charAt(k)) || s.charAt(k) == '\uFEFF')) k++;
        Format kind = null;
        if (k < s.length()) {
            char c = s.charAt(k);
            if (c == '<') {
                // A tag or declaration ("<!doctype", "<html ", "<?xml"), not an autolink ("<https://...>").
                String head = s.substring(k, Math.min(s.length(), k + 64));
                if (HTML_START.matcher(head).lookingAt()) kind = Format.HTML;
                else if (head.length() == 64 || head.indexOf('>') >= 0 || head.indexOf('\n') >= 0) kind = Format.AUTO;
            } else if (c == '{') {
                kind = Format.JSON;
            } else if (c == '[') {
                int j = k + 1;
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
                if (j < s.length()) {
                    char d = s.charAt(j);
                    kind = d == '{' || d == ']' ? Format.JSON : Format.AUTO;
                }
            } else {
                kind = Format.AUTO;
            }
        }
        if (kind == null && s.length() < SNIFF_CHARS) {
            document.append(s);
            return null;
        }
        if (kind == Format.HTML || kind == Format.JSON) form = kind;
        else form = Format.AUTO; // text: the line form is decided by the look-ahead
        return s;
    }

    /** Ends the page: flushes the last line and the pending entry. */
    public List<Entry> finish() {
        if (rejected) return drainEntries();
        if (form == null) {
            // Only blanks so far (or nothing): a text page.
            String pending = document.toString();
            document.setLength(0);
            form = Format.AUTO;
            out.addAll(feed(pending));
        }
        if (form == Format.HTML || form == Format.JSON) {
            String doc = document.toString();
            document.setLength(0);
            int bom = 0;
            while (bom < doc.length() && (doc.charAt(bom) == '\uFEFF' || Character.isWhitespace(doc.charAt(bom)))) bom++;
            doc = doc.substring(bom);
            PageDocuments.Parsed r = form == Format.HTML ? PageDocuments.html(source, doc) : PageDocuments.json(source, doc, null);
            out.addAll(r.entries());
            entries += r.entries().size();
            problems.addAll(r.problems());
            if (entries == 0 && problems.isEmpty()) problems.add(new Problem(0, "no entries found", null));
            return drainEntries();
        }
        if (partial.length() > 0 || skippingLongLine) completeLine();
        if (form == Format.AUTO) decide(Format.TEXT);
        if (form == Format.MARKDOWN || form == Format.BROWSER) {
            markedFinish();
        } else if (separatorSeen) {
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
        if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
        if (line.isEmpty()) {
            if (form == Format.AUTO) {
                // Beyond the line limit a run of blanks is held as one: the next line decides the form anyway.
                if (!lookahead.isEmpty() && (lookahead.size() < LOOKAHEAD_LINES
                        || !lookahead.get(lookahead.size() - 1).text().isEmpty())) {
                    lookahead.add(new HeldLine(lineNo, ""));
                }
            } else if (form == Format.MARKDOWN || form == Format.BROWSER) {
                lastWasHeading = false;
            }
            return;
        }
        if (hasControl(line)) {
            String cleaned = withoutControls(line);
            if (cleaned.isEmpty() || controls(line) * 4L > line.length()) {
                problems.add(new Problem(lineNo, "binary or control characters, line skipped", Reject.sample(printable(line))));
                return;
            }
            // Mostly text (a title with terminal escapes, a stray BEL): dropping it would pair every later title
            // with the wrong abstract, so the line is kept without its control characters, and reported.
            problems.add(new Problem(lineNo, "control characters removed from the line", Reject.sample(printable(line))));
            line = cleaned;
        }
        if (line.indexOf('\uFFFD') >= 0) {
            problems.add(new Problem(lineNo, "invalid UTF-8 (bytes replaced by U+FFFD)", Reject.sample(line)));
        }
        if (form == Format.AUTO) {
            if (lookaheadChars + line.length() > LOOKAHEAD_CHARS) {
                // The look-ahead is full: decided on this line, as if it had been held (then replayed after the rest).
                Format f = classify(line);
                decide(f != null ? f : Format.TEXT);
                process(lineNo, line);
                return;
            }
            lookahead.add(new HeldLine(lineNo, line));
            lookaheadChars += line.length();
            Format f = classify(line);
            if (f != null) decide(f);
            else if (lookahead.size() >= LOOKAHEAD_LINES || lookaheadChars >= LOOKAHEAD_CHARS) decide(Format.TEXT);
            return;
        }
        process(lineNo, line);
    }

    /** The text form a line is typical of, or null when it could be either. */
    static Format classify(String line) {
        if (line.matches("^#{1,6}\\s+\\S.*")) {
            return line.contains("][") ? Format.BROWSER : Format.MARKDOWN;
        }
        if (line.contains("](http") || line.contains("](/") || line.contains("![")) return Format.MARKDOWN;
        if (InlineSyntax.hasRefLink(line) && line.matches(".*\\]\\[\\d+\\].*")) return Format.BROWSER;
        if (line.matches("^\\[\\d+\\]\\S.*") || TRUNCATED.matcher(line).matches()) return Format.BROWSER;
        if (line.equals("·") || AUTHORS.matcher(line).matches()) return Format.TEXT;
        if (line.startsWith(SUBSCRIBE) && line.length() > SUBSCRIBE.length()) return Format.TEXT;
        if (line.length() >= 250) return Format.TEXT;
        return null;
    }

    private void decide(Format f) {
        form = f;
        List<HeldLine> replay = List.copyOf(lookahead);
        lookahead.clear();
        lookaheadChars = 0;
        for (HeldLine h : replay) {
            if (h.text().isEmpty()) {
                if (form != Format.TEXT) lastWasHeading = false;
            } else {
                process(h.line(), h.text());
            }
        }
    }

    private void process(long n, String line) {
        at = n;
        if (form == Format.MARKDOWN || form == Format.BROWSER) {
            marked(line);
            return;
        }
        if (urlLine(line)) return;
        if (inHeader && header(line)) return;
        item(line);
    }

    // ------------------------------------------------------------------ plain text (formats A and B)

    /** A line that is only a URL: a paper URL gives the arXiv id, any other is skipped. Returns true when consumed. */
    private boolean urlLine(String line) {
        if (line.indexOf(' ') >= 0 || !URL_ONLY.matcher(line).matches()) return false;
        Matcher m = PAPER_URL.matcher(line);
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
        if (pageDate == null && PAGE_DATE.matcher(line).matches()) {
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
        problems.add(new Problem(at, reason + " (read as text because the format was forced)", null));
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
            problems.add(new Problem(at, "metadata block without a date", Reject.sample(line)));
            emit(null);
            if (garbledDate(line)) return; // it stood where the date belongs: the next line is the next title
        }
        Matcher a = line.charAt(0) == '•' ? AUTHORS.matcher(line) : null;
        if (a != null && a.matches()) {
            flushHeld();
            if (title != null && abstractText != null && authors == null && organization == null) {
                authors = count(a.group(1), "author count");
            } else {
                problems.add(new Problem(at, "author count outside an entry", Reject.sample(line)));
            }
            return;
        }
        text(line);
    }

    private void separator() {
        if (held != null) {
            organization = capped(held, MAX_ORGANIZATION_CHARS, "organization", heldLine);
            held = null;
            separatorSeen = true;
        } else if (authors != null) {
            separatorSeen = true;
        } else {
            problems.add(new Problem(at, "metadata separator outside an entry", "·"));
        }
    }

    private void text(String line) {
        if (title == null && (DATE.matcher(line).matches() || PAGE_DATE.matcher(line).matches())) {
            // A date where a title belongs: the rest of a metadata block whose entry is missing, not a paper.
            problems.add(new Problem(at, "date outside an entry", Reject.sample(line)));
            return;
        }
        if (title == null) {
            newTitle(line, at);
        } else if (abstractText == null) {
            abstractText = capped(line, MAX_ABSTRACT_CHARS, "abstract", at);
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
            abstractText = capped(line, MAX_ABSTRACT_CHARS, "abstract", at);
        }
    }

    private void newTitle(String line, long n) {
        title = capped(line, MAX_TITLE_CHARS, "title", n);
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
            if (year != null) pub = iso(date.group(1), day, year);
            votes = date.group(4) != null ? count(date.group(4), "upvote count") : Integer.valueOf(0);
        }
        out.add(new Entry(source, Titles.id(title), title, abstractText, authors, organization, pubText,
                pub, votes, pageDate, arxivId, null, null));
        entries++;
        title = null;
        abstractText = null;
        authors = null;
        organization = null;
        separatorSeen = false;
        arxivId = null;
    }

    // ------------------------------------------------------------------ Markdown captures and browser dumps

    private void marked(String line) {
        if (phase == END_PHASE) return;
        boolean wasHeading = lastWasHeading;
        lastWasHeading = false;
        if (TRUNCATED.matcher(line).matches()) {
            truncated(line);
            return;
        }
        if (headingOpen) {
            // Continuation of a heading whose link bracket is still open (a long title wrapped over two lines).
            InlineSyntax.Heading h = InlineSyntax.heading(line);
            String more = h != null ? h.text() : line;
            if ((h != null || line.contains("]")) && title.length() + 1 + more.length() <= 2 * MAX_TITLE_CHARS) {
                title = title + " " + more;
                headingOpen = unbalanced(title);
                lastWasHeading = true;
                if (!headingOpen) resolveHeading();
                return;
            }
            headingOpen = false; // closed, or longer than any title: what came so far is the title
            resolveHeading();
        }
        InlineSyntax.Heading h = InlineSyntax.heading(line);
        if (h != null && !line.startsWith("#!")) {
            String text = h.text();
            if (wasHeading && phase == TITLE_PHASE && title != null && !hasLink(text) && !hasLink(title)
                    && !isChrome(clean(text)) && title.length() + 1 + text.length() <= MAX_TITLE_CHARS) {
                title = title + " " + text; // an unlinked title wrapped over two heading lines
                lastWasHeading = true;
                return;
            }
            heading(text, h.level());
            return;
        }
        if (SETEXT.matcher(line).matches()) return;
        if (line.equalsIgnoreCase("references") || line.equalsIgnoreCase("visible links")
                || line.equalsIgnoreCase("hidden links")) {
            endEntry();
            releaseHeld();
            phase = END_PHASE;
            return;
        }
        if (REFERENCE_LINE.matcher(line).matches()) return;
        Matcher org = LYNX_ORG.matcher(line);
        if (!org.matches()) org = MD_ORG.matcher(line);
        if (org.matches() && title != null && !"papers".equals(org.groupCount() >= 3 ? org.group(3) : null)) {
            String handle = org.groupCount() >= 3 ? org.group(3) : org.group(1);
            organization = capped((handle.strip() + " " + (form == Format.BROWSER ? org.group(2) : unescape(org.group(2))).strip()).strip(),
                    MAX_ORGANIZATION_CHARS, "organization", at);
            closeAbstract();
            return;
        }
        String linkTarget = firstLinkTarget(line);
        String c = clean(line);
        if (c.isEmpty() || c.equals("·") || c.equals("•") || (line.contains("![") && c.matches("[-*+]"))) {
            // Images only (avatars), an empty link (thumbnail) or a separator.
            paperLink(linkTarget, c);
            if (title != null && (phase == ABSTRACT_PHASE || !c.isEmpty())) closeAbstract();
            return;
        }
        if (NUMBER.matcher(c).matches()) {
            pendingUpvotes = c.chars().allMatch(Character::isDigit) ? Integer.valueOf(c) : Integer.valueOf(0);
            if (phase == ABSTRACT_PHASE) pendingNumber = c;
            return;
        }
        if (pendingNumber != null) {
            // The bare number was part of a wrapped abstract after all.
            appendAbstract(pendingNumber);
            pendingNumber = null;
            pendingUpvotes = null;
        }
        Matcher d = CARD_DATE.matcher(c);
        if (d.matches()) {
            date(d, c);
            return;
        }
        String b = stripBullets(c);
        InlineSyntax.Authors a = InlineSyntax.authors(b);
        if (a != null && (a.names() == null || !b.equals(c) || c.contains("·") || c.contains("•") || phase == META_PHASE)) {
            if (title != null) {
                authors = count(a.count(), "author count");
                List<String> names = names(a.names());
                if (names == null && bulletNames != null && !bulletNames.isEmpty() && authors != null
                        && bulletNames.size() == authors) {
                    names = bulletNames;
                }
                if (names != null) {
                    authorNames = names;
                    authors = Math.max(authors, names.size());
                }
                bulletNames = null;
                closeAbstract();
            }
            return;
        }
        if (b.toLowerCase(Locale.ROOT).startsWith("submitted by")) {
            if (title != null) closeAbstract();
            return;
        }
        if (title != null && (phase == TITLE_PHASE || (phase == META_PHASE && abstractText == null))
                && c.length() >= LINKED_ABSTRACT_CHARS && linkTarget != null && linkOnly(line)) {
            Matcher m = PAPER_URL.matcher(linkTarget);
            if (m.matches() && !Titles.normalize(c).equals(Titles.normalize(title))) {
                // The card links its abstract to the paper page: the link text is the abstract.
                if (arxivId == null) arxivId = m.group(1);
                startAbstract(withoutHardBreaks(c));
                return;
            }
        }
        if ((phase == ABSTRACT_PHASE ? strictChrome(b) : isChrome(b)) || (linkOnly(line) && !(phase == ABSTRACT_PHASE && c.startsWith("http")))) {
            paperLink(linkTarget, c);
            if (phase == ABSTRACT_PHASE) closeAbstract();
            return;
        }
        if (PAPER_URL.matcher(c).matches() || (URL_ONLY.matcher(c).matches() && phase != ABSTRACT_PHASE)) {
            paperLink(c, "");
            return;
        }
        boolean bullet = BULLET.matcher(c).find();
        switch (phase) {
            case TITLE_PHASE -> {
                if (bullet) {
                    bulletName(b);
                } else {
                    startAbstract(stripHardBreak(c));
                }
            }
            case ABSTRACT_PHASE -> {
                appendAbstract(stripHardBreak(c)); // a wrapped line may start like a bullet
                if (abstractText != null && abstractText.startsWith("[") && line.contains("](")) linkedAbstractEnds();
            }
            case META_PHASE -> {
                if (bullet) {
                    bulletName(b);
                } else if (abstractText == null) {
                    // Metadata shown above the abstract (a compact card layout): the abstract still follows.
                    startAbstract(stripHardBreak(c));
                }
            }
            default -> {
                if (pageDate == null && PAGE_DATE.matcher(c).matches()) pageDate = c;
            }
        }
    }

    /** A heading: a paper title when it links to a paper, or is unlinked at level 3+ and not chrome. */
    private void heading(String text, int level) {
        if (unbalanced(text) && text.length() <= 2 * MAX_TITLE_CHARS) {
            endEntry();
            startEntry(text);
            headingOpen = true;
            lastWasHeading = true;
            return;
        }
        String target = firstLinkTarget(text);
        String c = clean(text);
        boolean paper = target != null && PAPER_URL.matcher(target).matches();
        boolean otherLink = target != null && !paper && !target.isEmpty();
        if (!paper && (c.isEmpty() || isChrome(c) || otherLink || level < 3 || PAGE_DATE.matcher(c).matches())) {
            // Chrome heading ("Daily Papers", "Trending", a date): the list (or this entry) ends here.
            endEntry();
            phase = CHROME_PHASE;
            if (pageDate == null && PAGE_DATE.matcher(c).matches()) pageDate = c;
            return;
        }
        endEntry();
        startEntry(text);
        resolveHeading();
        lastWasHeading = true;
    }

    private void startEntry(String rawTitle) {
        title = rawTitle;
        titleLine = at;
        phase = TITLE_PHASE;
        upvotes = pendingUpvotes;
        pendingUpvotes = null;
        pendingNumber = null;
        arxivId = pendingArxiv;
        pendingArxiv = null;
        bulletNames = null;
    }

    /** Turns the raw heading text (link syntax and all) into the title and the arXiv id. */
    private void resolveHeading() {
        String target = firstLinkTarget(title);
        if (target != null) {
            Matcher m = PAPER_URL.matcher(target);
            if (m.matches()) arxivId = m.group(1);
        }
        String c = clean(title);
        title = c.isEmpty() ? null : capped(c, MAX_TITLE_CHARS, "title", titleLine);
        if (title == null) phase = CHROME_PHASE;
    }

    private void date(Matcher d, String c) {
        if (title == null) {
            if (pageDate == null && PAGE_DATE.matcher(c).matches()) pageDate = c;
            return;
        }
        String dayText = d.group(2);
        String year = d.group(3);
        String tail = d.group(4);
        if (year == null && Integer.parseInt(dayText) > 31) {
            tail = dayText.substring(1) + tail;
            dayText = dayText.substring(0, 1);
        }
        String month = c.substring(d.start(1), c.indexOf(' ', d.start(1)));
        publishedText = month + " " + dayText + (year != null ? ", " + year : "");
        published = year != null ? iso(d.group(1), dayText, year) : null;
        comments = tail == null || tail.isEmpty() ? null : Integer.valueOf(tail);
        closeAbstract();
    }

    private void closeAbstract() {
        if (pendingNumber != null) {
            // A bare number at the end of a wrapped abstract, followed by metadata: it was abstract text.
            appendAbstract(pendingNumber);
            pendingNumber = null;
            pendingUpvotes = null;
        }
        if (title != null && (phase == TITLE_PHASE || phase == ABSTRACT_PHASE)) phase = META_PHASE;
    }

    private void startAbstract(String s) {
        abstractText = s;
        phase = ABSTRACT_PHASE;
        capAbstract();
    }

    private void appendAbstract(String s) {
        if (s.isEmpty()) return;
        if (abstractText == null || abstractText.isEmpty()) abstractText = s;
        else abstractText = abstractText + " " + s;
        capAbstract();
    }

    /** An abstract that never ends (no metadata line comes) is cut, and the lines after the cut are not read. */
    private void capAbstract() {
        if (abstractText.length() <= MAX_ABSTRACT_CHARS) return;
        abstractText = capped(abstractText, MAX_ABSTRACT_CHARS, "abstract", at);
        closeAbstract();
    }

    /**
     * An abstract that opened with '[' and a line with "](": a link text wrapped over several lines (HF cards link
     * the abstract to the paper page). When it is a link to a paper, the abstract is its text.
     */
    private void linkedAbstractEnds() {
        String target = firstLinkTarget(abstractText);
        if (target == null) return;
        Matcher m = PAPER_URL.matcher(target);
        if (!m.matches()) return;
        String text = clean(abstractText);
        if (text.startsWith("[")) return; // not one link
        if (arxivId == null) arxivId = m.group(1);
        abstractText = withoutHardBreaks(text);
    }

    /**
     * Bullet names wait for the "N authors" line that tells whether they are the authors. Bounded by
     * {@link #MAX_NAMES_CHARS}: past it the list is given up, kept as an empty list so that no later bullet starts a
     * new (partial) one.
     */
    private void bulletName(String b) {
        if (title == null || b.isEmpty() || b.length() > 100) return;
        if (bulletNames == null) bulletNames = new ArrayList<>();
        else if (bulletNames.isEmpty()) return;
        int chars = b.length();
        for (String n : bulletNames) chars += n.length();
        if (chars > MAX_NAMES_CHARS) bulletNames.clear();
        else bulletNames.add(b);
    }

    /** A link to a paper outside a heading: the next entry's (thumbnail) unless its text names the current one. */
    private void paperLink(String target, String text) {
        if (target == null) return;
        Matcher m = PAPER_URL.matcher(target.strip());
        if (!m.matches()) return;
        String n = text.isEmpty() ? "" : Titles.normalize(text);
        if (!n.isEmpty() && title != null && n.equals(Titles.normalize(title))) {
            if (arxivId == null) arxivId = m.group(1);
        } else if (!n.isEmpty() && title == null && heldEntry != null && n.equals(Titles.normalize(heldEntry.title()))) {
            if (heldEntry.arxivId() == null) heldEntry = EntryMerger.merge(heldEntry, withArxiv(heldEntry, m.group(1)));
        } else if (title != null && arxivId == null && phase == TITLE_PHASE) {
            arxivId = m.group(1);
        } else {
            pendingArxiv = m.group(1);
        }
    }

    private static Entry withArxiv(Entry e, String id) {
        return new Entry(e.source(), e.id(), e.title(), e.abstractText(), e.authors(), e.organization(), e.publishedText(),
                e.published(), e.upvotes(), e.pageDate(), id, e.authorNames(), e.comments());
    }

    private void truncated(String line) {
        if (title != null) {
            if (publishedText != null) {
                endEntry(); // its card was complete before the cut
            } else {
                problems.add(new Problem(titleLine, "entry cut off by the end of the capture (" + line + "), dropped",
                        Reject.sample(clean(title))));
                clearEntry();
            }
        }
        releaseHeld();
        phase = END_PHASE;
    }

    /** Completes the current entry: held back one entry so that the same card rendered twice becomes one entry. */
    private void endEntry() {
        if (headingOpen) {
            headingOpen = false;
            resolveHeading();
        }
        if (title == null) {
            clearEntry();
            return;
        }
        Entry e = new Entry(source, Titles.id(title), title, abstractText, authors, organization, publishedText,
                published, upvotes, pageDate, arxivId, authorNames, comments);
        if (heldEntry != null && heldEntry.id().equals(e.id())) {
            heldEntry = EntryMerger.merge(heldEntry, e);
        } else {
            releaseHeld();
            heldEntry = e;
            heldEntryLine = titleLine;
        }
        clearEntry();
    }

    private void releaseHeld() {
        if (heldEntry == null) return;
        if (heldEntry.abstractText() == null || heldEntry.abstractText().isEmpty()) {
            problems.add(new Problem(heldEntryLine, "title with no abstract", Reject.sample(heldEntry.title())));
        } else {
            out.add(heldEntry);
            entries++;
        }
        heldEntry = null;
        heldEntryLine = 0;
    }

    private void clearEntry() {
        title = null;
        abstractText = null;
        authors = null;
        organization = null;
        authorNames = null;
        publishedText = null;
        published = null;
        comments = null;
        upvotes = null;
        arxivId = null;
        bulletNames = null;
        pendingNumber = null;
        headingOpen = false;
        phase = CHROME_PHASE;
    }

    private void markedFinish() {
        at = lineNo;
        if (pendingNumber != null) {
            appendAbstract(pendingNumber);
            pendingNumber = null;
        }
        endEntry();
        releaseHeld();
    }

    // ------------------------------------------------------------------ inline syntax

    private static boolean unbalanced(String s) {
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

    private static boolean hasLink(String s) {
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
    private String clean(String s) {
        return clean(s, form != Format.BROWSER);
    }

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

    private static String unescape(String s) {
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

    /**
     * Cuts a text kept in the state to {@code max} characters, at the last blank before the limit when there is one
     * in its second half (never inside a surrogate pair), and reports it with its line.
     */
    private String capped(String s, int max, String what, long line) {
        if (s == null || s.length() <= max) return s;
        problems.add(new Problem(line, what + " longer than " + max + " characters, cut", Reject.sample(s)));
        return cutAtWord(s, max);
    }

    static String cutAtWord(String s, int max) {
        if (s.length() <= max) return s;
        int cut = s.lastIndexOf(' ', max);
        if (cut < max / 2) cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut).stripTrailing();
    }

    private static String stripHardBreak(String s) {
        String x = s;
        while (x.endsWith("\\")) x = x.substring(0, x.length() - 1).stripTrailing();
        return x;
    }

    private static String stripBullets(String s) {
        String x = s;
        for (int i = 0; i < 4; i++) {
            Matcher m = BULLET.matcher(x);
            if (!m.find()) break;
            x = x.substring(m.end()).strip();
        }
        return x;
    }

    /** True when the line is made of links/images only (navigation, avatars), whatever their text. */
    private static boolean linkOnly(String line) {
        if (!line.contains("](") && !line.contains("][")) return false;
        String x = InlineSyntax.withoutImages(line);
        x = InlineSyntax.inlineLinks(x, false);
        x = InlineSyntax.refLinks(x, false);
        x = LYNX_MARK.matcher(x).replaceAll("");
        x = x.replaceAll("[\\s|·•*+\\-–—,.:;()]+", "");
        return x.isEmpty();
    }

    /** Inside an abstract only an exact, capitalised chrome line counts (a wrapped line may be one word). */
    private static boolean strictChrome(String c) {
        return !c.isEmpty() && Character.isUpperCase(c.charAt(0)) && CHROME.contains(c.toLowerCase(Locale.ROOT));
    }

    private static boolean isChrome(String c) {
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
    private static List<String> names(String s) {
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

    static String iso(String month, String day, String year) {
        String m = month.substring(0, 3).toLowerCase(Locale.ROOT);
        int mi = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(m) + 1;
        try {
            return LocalDate.of(Integer.parseInt(year), mi, Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Where the date should be: lower-case or digit start, or at most four words — not how titles look. */
    private static boolean garbledDate(String line) {
        char c = line.charAt(0);
        return Character.isLowerCase(c) || Character.isDigit(c) || line.split("\\s+").length <= 4;
    }

    /** A count as the page prints it; one beyond int range is reported and left unknown, the entry is kept. */
    private Integer count(String digits, String what) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            problems.add(new Problem(at, what + " out of range: " + Reject.sample(digits), null));
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

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
