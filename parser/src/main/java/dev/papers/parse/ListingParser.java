package dev.papers.parse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.papers.common.Entry;
import dev.papers.common.Reject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Incremental parser of a Daily Papers listing page in any of the forms users have: feed chunks cut anywhere,
 * receive entries as soon as they are complete, {@link #finish()} at the end of the page. A small facade: one
 * {@link LineSplitter}, one {@link FormDetector}, and one reader per form, each with its own state record:
 * <ul>
 *   <li>{@link Format#TEXT}: {@link PlainTextReader}, the two scraped text formats (A: blank-separated blocks with
 *   metadata blocks, B: title / abstract lines alternating), also with paper URLs on their own lines;</li>
 *   <li>{@link Format#LINK_LINES}: {@link LinkLinesReader}, plain-text exports of the page where every link's URL
 *   stands on its own line after its text;</li>
 *   <li>{@link Format#MARKDOWN} / {@link Format#BROWSER}: {@link MarkedTextReader}, page-to-markdown captures
 *   (firecrawl and others) and text-browser dumps, where a heading starts each entry;</li>
 *   <li>{@link Format#HTML}: the saved page, {@link Format#JSON}: the {@code api/daily_papers} array,
 *   {@link Format#FEED}: RSS 2.0, Atom and JSON Feed files of the listing ({@link DocumentReaders}). These are whole
 *   documents: they are buffered (at most {@link #MAX_DOCUMENT_CHARS}) and parsed at {@link #finish()}.</li>
 * </ul>
 * The form is recognised from the content ({@link Format#AUTO}, see {@link FormDetector}) or forced.
 *
 * <p>The whole state is the {@link State} record, which the processor stores as JSON after every chunk, so every
 * text it can hold is bounded, whatever the input (issue #24), to at most 48 Ki characters in all (about 150 KiB of
 * JSON in the worst case: a partial line of control characters, six bytes each once escaped, and 3-byte characters
 * everywhere else):
 * <ul>
 *   <li>the unfinished line: {@link #MAX_LINE_CHARS} (a longer line is skipped and reported);</li>
 *   <li>while the form is unknown: the blanks before the first character ({@code SNIFF_CHARS}), then the held-back
 *   lines ({@link #LOOKAHEAD_LINES}, {@link #LOOKAHEAD_CHARS}) — nothing else is held then;</li>
 *   <li>the reader's pending entry (and the one held back to merge desktop/mobile duplicates), each: title
 *   {@link #MAX_TITLE_CHARS} (a heading still open over several lines: twice that), abstract
 *   {@link #MAX_ABSTRACT_CHARS} (longer ones are cut at a word boundary, reported with the line), organisation
 *   {@link #MAX_ORGANIZATION_CHARS}, author names {@link #MAX_NAMES_CHARS} (a longer list is not kept, the count is),
 *   dates and arXiv ids by their patterns; plain text: one held line of at most {@link #MAX_TITLE_CHARS}.</li>
 * </ul>
 * Real abstracts are under 2,500 characters (arXiv allows 1,920). A whole document is not part of this bound: the
 * caller takes it out with {@link #takeDocument()}.
 */
public final class ListingParser {
    public static final int MAX_LINE_CHARS = 16 * 1024;
    /** Largest document buffered (the processor's default page limit). */
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
        AUTO("recognised from the content (default)"),
        TEXT("scraped plain text, formats A and B, also with paper URLs on their own lines"),
        LINK_LINES("plain-text export with every link's URL on its own line after its text"),
        MARKDOWN("page-to-markdown capture (firecrawl, jina and others)"),
        BROWSER("text-browser dump (lynx, links, w3m)"),
        HTML("saved HTML page"),
        JSON("api/daily_papers JSON"),
        FEED("RSS 2.0, Atom or JSON Feed of the listing");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        /** What the form is, for {@code --help}. */
        public String description() {
            return description;
        }

        /** The name on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whole documents, parsed once complete (see {@link #takeDocument()}). */
        public boolean document() {
            return this == HTML || this == JSON || this == FEED;
        }

        /** Case-insensitive name ({@code link-lines} or {@code link_lines}); {@code lynx}, {@code md}, {@code rss}… too. */
        public static Format parse(String s) {
            String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            return switch (n) {
                case "LYNX", "LINKS", "W3M" -> BROWSER;
                case "MD" -> MARKDOWN;
                case "PLAIN", "TXT" -> TEXT;
                case "RSS", "ATOM", "JSONFEED", "JSON_FEED" -> FEED;
                default -> Format.valueOf(n);
            };
        }
    }

    /** A problem in the page: 1-based line, reason, sample of the input. */
    public record Problem(long line, String reason, String sample) {}

    /** A line held back while the form of the page is unknown. */
    public record HeldLine(long line, String text) {}

    /**
     * Everything the parser remembers between chunks (JSON-serialisable): the line splitter's unfinished line, the
     * form, the sniffed blanks or the document so far, the held-back lines, and the state of the form's reader.
     */
    public record State(String source, long lineNo, String partial, boolean skippingLongLine, boolean rejected,
                        long entries, Format format, Format form, String document, List<HeldLine> lookahead,
                        ReaderState reader) {

        static State initial(String source, Format format) {
            Format f = format == null ? Format.AUTO : format;
            return new State(source, 0, "", false, false, 0, f, f == Format.AUTO ? null : f, null, null, null);
        }

        /**
         * Reads this shape and the plain-text state of before the page forms (its text fields at the top level, no
         * format: a text page), so a page arriving across an upgrade goes on where it was.
         */
        @JsonCreator
        static State read(@JsonProperty("source") String source, @JsonProperty("lineNo") long lineNo,
                          @JsonProperty("partial") String partial, @JsonProperty("skippingLongLine") boolean skippingLongLine,
                          @JsonProperty("rejected") boolean rejected, @JsonProperty("entries") long entries,
                          @JsonProperty("format") Format format, @JsonProperty("form") Format form,
                          @JsonProperty("document") String document, @JsonProperty("lookahead") List<HeldLine> lookahead,
                          @JsonProperty("reader") ReaderState reader,
                          @JsonProperty("inHeader") Boolean inHeader, @JsonProperty("pageDate") String pageDate,
                          @JsonProperty("title") String title, @JsonProperty("titleLine") long titleLine,
                          @JsonProperty("abstractText") String abstractText, @JsonProperty("authors") Integer authors,
                          @JsonProperty("organization") String organization,
                          @JsonProperty("separatorSeen") boolean separatorSeen, @JsonProperty("held") String held,
                          @JsonProperty("heldLine") long heldLine) {
            if (format == null && form == null) {
                format = Format.TEXT;
                form = Format.TEXT;
            }
            if (reader == null && inHeader != null && form == Format.TEXT) {
                reader = new PlainTextReader.State(inHeader, pageDate, title, titleLine, abstractText, authors,
                        organization, separatorSeen, held, heldLine, null, null, false);
            }
            return new State(source, lineNo, partial, skippingLongLine, rejected, entries, format, form, document,
                    lookahead, reader);
        }
    }

    /** The result of a whole page at once. */
    public record Result(List<Entry> entries, List<Problem> problems) {}

    private final PageOutput out;
    private final LineSplitter lines;
    private final FormDetector detector;
    private final Format format;
    /** The recognised form; {@link Format#AUTO} while the text form is still unknown, null before the first character. */
    private Format form;
    /** The blanks sniffed so far, then (documents) the document so far. */
    private final StringBuilder document;
    private LineReader reader;

    private ListingParser(State s) {
        this.out = new PageOutput(s.source(), s.entries(), s.rejected());
        this.lines = new LineSplitter(out, s.partial(), s.lineNo(), s.skippingLongLine());
        this.detector = new FormDetector(s.lookahead());
        this.format = s.format() == null ? Format.TEXT : s.format();
        this.form = s.form();
        this.document = new StringBuilder(s.document() == null ? "" : s.document());
        this.reader = form != null && form != Format.AUTO && !form.document() ? readerFor(form, s.reader()) : null;
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
        return new State(out.source, lines.lineNo(), lines.partial(), lines.skippingLongLine(), out.rejected(),
                out.entries(), format, form, document.length() == 0 ? null : document.toString(), detector.held(),
                reader == null ? null : reader.state());
    }

    /** Entries emitted so far over the whole page (across resumes). */
    public long entryCount() {
        return out.entries();
    }

    /** The form of the page: the forced one, the recognised one, or null while it is not known yet. */
    public Format form() {
        return form;
    }

    /**
     * For a page recognised as a whole document (HTML/JSON/feed): hands over the text buffered so far and forgets it,
     * so a caller that receives the page in pieces can keep them apart (the processor stores them as separate
     * records) and parse the assembled document once with {@link #parseAll}. Null for text pages and while undecided.
     */
    public String takeDocument() {
        if (form == null || !form.document()) return null;
        String d = document.toString();
        document.setLength(0);
        return d;
    }

    /** True once the page was recognised as something that cannot be read (e.g. an over-long document). */
    public boolean rejected() {
        return out.rejected();
    }

    /** Problems found since the last call. */
    public List<Problem> drainProblems() {
        return out.drainProblems();
    }

    /** Feeds the next piece of the page; returns the entries it completed. */
    public List<Entry> feed(String text) {
        if (out.rejected()) return List.of();
        if (form == null) {
            text = sniff(text);
            if (text == null) return List.of();
        }
        if (form.document()) {
            if (document.length() + (long) text.length() > MAX_DOCUMENT_CHARS) {
                out.problem(lines.lineNo(), form + " document larger than " + MAX_DOCUMENT_CHARS + " characters, page dropped",
                        Reject.sample(document.length() > 0 ? document.substring(0, Math.min(300, document.length())) : text));
                document.setLength(0);
                out.reject();
                return List.of();
            }
            document.append(text);
            return List.of();
        }
        lines.feed(text, this::line);
        return out.drainEntries();
    }

    /** Ends the page: flushes the last line and the pending entry. */
    public List<Entry> finish() {
        if (out.rejected()) return out.drainEntries();
        List<Entry> early = List.of();
        if (form == null) {
            // Only blanks so far (or nothing): a text page.
            String pending = document.toString();
            document.setLength(0);
            form = Format.AUTO;
            early = feed(pending);
        }
        List<Entry> all = new ArrayList<>(early);
        all.addAll(finishPage());
        return all;
    }

    private List<Entry> finishPage() {
        if (form.document()) {
            String doc = document.toString();
            document.setLength(0);
            int bom = 0;
            while (bom < doc.length() && (doc.charAt(bom) == '\uFEFF' || Character.isWhitespace(doc.charAt(bom)))) bom++;
            DocumentReaders.Read r = DocumentReaders.read(form, out.source, doc.substring(bom));
            form = r.form();
            r.entries().forEach(out::entry);
            out.problems(r.problems());
            if (out.entries() == 0 && out.noProblems()) out.problem(0, "no entries found", null);
            return out.drainEntries();
        }
        lines.finish(this::line);
        if (form == Format.AUTO) decide(detector.atEnd());
        reader.finish(lines.lineNo());
        if (out.entries() == 0 && out.noProblems()) {
            out.problem(0, lines.lineNo() == 0 ? "empty page" : "no entries found", null);
        }
        return out.drainEntries();
    }

    /** Tells documents from text by the first non-blank characters; null while undecided (blanks are kept). */
    private String sniff(String text) {
        String s = document.length() == 0 ? text : document + text;
        document.setLength(0);
        Format kind = FormDetector.sniff(s);
        if (kind == null && s.length() < SNIFF_CHARS) {
            document.append(s);
            return null;
        }
        form = kind == Format.HTML || kind == Format.JSON ? kind : Format.AUTO; // text: the look-ahead decides
        return s;
    }

    private void line(long n, String raw) {
        if (out.rejected()) return;
        String line = LineCheck.checked(n, raw, out);
        if (line == null) return;
        if (line.isEmpty()) {
            if (form == Format.AUTO) detector.blank(n);
            else reader.blank(n);
            return;
        }
        if (form != Format.AUTO) {
            if (Character.isWhitespace(raw.charAt(0))) reader.indentedLine(n, line);
            else reader.line(n, line);
        } else if (detector.full(line)) {
            // The look-ahead is full: decided on this line, as if it had been held (then replayed after the rest).
            decide(detector.decideNow(line));
            reader.line(n, line);
        } else {
            Format f = detector.hold(n, line);
            if (f != null) decide(f);
        }
    }

    private void decide(Format f) {
        form = f;
        reader = readerFor(f, null);
        for (HeldLine h : detector.replay()) {
            if (h.text().isEmpty()) reader.blank(h.line());
            else reader.line(h.line(), h.text());
        }
    }

    /** The reader of a line form, resumed from its state (null: a new page). */
    private LineReader readerFor(Format f, ReaderState s) {
        return switch (f) {
            case MARKDOWN, BROWSER -> new MarkedTextReader(out, f == Format.MARKDOWN, (MarkedTextReader.State) s);
            case LINK_LINES -> new LinkLinesReader(out, (LinkLinesReader.State) s);
            default -> new PlainTextReader(out, (PlainTextReader.State) s);
        };
    }
}
