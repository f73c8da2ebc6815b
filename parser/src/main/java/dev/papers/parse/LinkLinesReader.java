package dev.papers.parse;

import static dev.papers.parse.ListingParser.MAX_ABSTRACT_CHARS;
import static dev.papers.parse.ListingParser.MAX_ORGANIZATION_CHARS;
import static dev.papers.parse.ListingParser.MAX_TITLE_CHARS;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text exports of the listing where every link's URL stands on its own line after its text (NotebookLM web
 * sources and the like). Each card: {@code [-] N} upvotes, the upvote button's login URL (it names the paper), the
 * title, the paper URL, the abstract, the paper URL again, {@code [} / {@code N authors](url)} or an organisation name
 * and its URL, {@code ·}, the date, an optional comment count and its {@code #community} URL. Site chrome before the
 * first card and after the last is skipped.
 */
final class LinkLinesReader implements LineReader {
    /** Everything this reader keeps between chunks. */
    public record State(int phase, Integer pendingUpvotes, String title, long titleLine, String abstractText,
                        Integer authors, String organization, String orgName, String publishedText, String published,
                        Integer comments, Integer upvotes, String arxivId) implements ReaderState {}

    private static final Pattern UPVOTES = Pattern.compile("^\\[-\\]\\s*+(\\d{1,9}|-)$");
    private static final Pattern LOGIN = Pattern.compile(
            "^https?://(?:www\\.)?huggingface\\.co/login\\?next=%2Fpapers%2F" + ListingText.ARXIV + "$");
    private static final Pattern AUTHORS = Pattern.compile("^(\\d{1,6}) authors?\\]\\([^)\\s]*+\\)$");
    private static final Pattern ORG_URL = Pattern.compile("^https?://(?:www\\.)?huggingface\\.co/([A-Za-z0-9][\\w.\\-]*+)/?$");
    private static final Pattern COUNT = Pattern.compile("^\\d{1,6}$");

    private static final int OUTSIDE = 0;
    private static final int TITLE = 1;
    private static final int ABSTRACT = 2;
    private static final int META = 3;

    private final PageOutput out;
    private int phase;
    private Integer pendingUpvotes;
    private String title;
    private long titleLine;
    private String abstractText;
    private Integer authors;
    private String organization;
    private String orgName;
    private String publishedText;
    private String published;
    private Integer comments;
    private Integer upvotes;
    private String arxivId;
    private long at;

    LinkLinesReader(PageOutput out, State s) {
        this.out = out;
        if (s == null) return;
        phase = s.phase();
        pendingUpvotes = s.pendingUpvotes();
        title = s.title();
        titleLine = s.titleLine();
        abstractText = s.abstractText();
        authors = s.authors();
        organization = s.organization();
        orgName = s.orgName();
        publishedText = s.publishedText();
        published = s.published();
        comments = s.comments();
        upvotes = s.upvotes();
        arxivId = s.arxivId();
    }

    @Override
    public State state() {
        return new State(phase, pendingUpvotes, title, titleLine, abstractText, authors, organization, orgName,
                publishedText, published, comments, upvotes, arxivId);
    }

    /** Lines only this form has: the upvote box as text, the upvote button's login URL for a paper. */
    static boolean typical(String line) {
        return UPVOTES.matcher(line).matches() || LOGIN.matcher(line).matches();
    }

    @Override
    public void line(long n, String line) {
        at = n;
        Matcher m = UPVOTES.matcher(line);
        if (m.matches()) {
            endEntry();
            pendingUpvotes = m.group(1).equals("-") ? Integer.valueOf(0) : out.count(m.group(1), "upvote count", n);
            return;
        }
        m = LOGIN.matcher(line);
        if (m.matches()) {
            endEntry();
            phase = TITLE;
            arxivId = m.group(1);
            upvotes = pendingUpvotes;
            pendingUpvotes = null;
            return;
        }
        boolean url = ListingText.URL_ONLY.matcher(line).matches() && line.indexOf(' ') < 0;
        switch (phase) {
            case TITLE -> {
                if (url) return;
                title = out.capped(line, MAX_TITLE_CHARS, "title", n);
                titleLine = n;
                phase = ABSTRACT;
            }
            case ABSTRACT -> {
                if (url) {
                    Matcher p = ListingText.PAPER_URL.matcher(line);
                    if (p.matches() && arxivId == null) arxivId = p.group(1);
                    if (abstractText != null) phase = META; // the abstract's own link
                    return;
                }
                abstractText = out.capped(abstractText == null ? line : abstractText + " " + line, MAX_ABSTRACT_CHARS, "abstract", n);
            }
            case META -> meta(line, url);
            default -> { } // site chrome
        }
    }

    private void meta(String line, boolean url) {
        Matcher a = AUTHORS.matcher(line);
        if (a.matches()) {
            authors = out.count(a.group(1), "author count", at);
            return;
        }
        if (url) {
            Matcher o = ORG_URL.matcher(line);
            if (o.matches() && orgName != null && organization == null && !o.group(1).equals("papers")) {
                organization = out.capped(o.group(1) + " " + orgName, MAX_ORGANIZATION_CHARS, "organization", at);
            }
            orgName = null;
            return;
        }
        if (line.equals("[") || line.equals("·")) return;
        Matcher d = MarkedLines.CARD_DATE.matcher(line);
        if (d.matches() && publishedText == null) {
            String year = d.group(3);
            publishedText = line.substring(0, line.length() - d.group(4).length()).strip();
            published = year != null ? ListingText.iso(d.group(1), d.group(2), year) : null;
            if (!d.group(4).isEmpty()) comments = out.count(d.group(4), "comment count", at);
            return;
        }
        if (publishedText != null && COUNT.matcher(line).matches()) {
            comments = out.count(line, "comment count", at);
            return;
        }
        if (publishedText == null && line.length() <= MAX_ORGANIZATION_CHARS) orgName = line; // its URL follows
    }

    @Override
    public void blank(long n) {
        // Blank lines separate every line of the export: they mean nothing.
    }

    @Override
    public void finish(long lastLine) {
        endEntry();
    }

    private void endEntry() {
        if (title != null) {
            if (abstractText == null) {
                out.problem(titleLine, "title with no abstract", Reject.sample(title));
            } else {
                out.entry(new Entry(out.source, Titles.id(title), title, abstractText, authors, organization,
                        publishedText, published, upvotes, null, arxivId, null, comments));
            }
        }
        phase = OUTSIDE;
        title = null;
        abstractText = null;
        authors = null;
        organization = null;
        orgName = null;
        publishedText = null;
        published = null;
        comments = null;
        upvotes = null;
        arxivId = null;
    }
}
