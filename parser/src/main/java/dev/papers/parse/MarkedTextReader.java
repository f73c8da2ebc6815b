package dev.papers.parse;

import static dev.papers.parse.ListingParser.LINKED_ABSTRACT_CHARS;
import static dev.papers.parse.ListingParser.MAX_ABSTRACT_CHARS;
import static dev.papers.parse.ListingParser.MAX_NAMES_CHARS;
import static dev.papers.parse.ListingParser.MAX_ORGANIZATION_CHARS;
import static dev.papers.parse.ListingParser.MAX_TITLE_CHARS;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Page-to-markdown captures and text-browser dumps, where a heading starts each entry: inline {@code [t](url)} and
 * reference {@code [t][12]} links, wrapped abstracts and titles, abstracts given as one long link text, author
 * bullets, upvote boxes, dates glued to comment counts, chrome, desktop+mobile duplicate cards (one entry is held
 * back to merge them), {@code [Content truncated]}.
 */
final class MarkedTextReader implements LineReader {
    /** Everything this reader keeps between chunks. */
    public record State(String pageDate, String title, long titleLine, String abstractText, Integer authors,
                        String organization, String arxivId, String pendingArxiv, List<String> authorNames,
                        String publishedText, String published, Integer comments, Integer upvotes,
                        Integer pendingUpvotes, String pendingNumber, int phase, boolean headingOpen,
                        boolean lastWasHeading, List<String> bulletNames, Entry heldEntry, long heldEntryLine)
            implements ReaderState {
        static State initial() {
            return new State(null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null,
                    CHROME_PHASE, false, false, null, null, 0);
        }
    }

    /** A Markdown hard break inside a heading: one backslash (not an escaped one) and two or more spaces. */
    private static final java.util.regex.Pattern HARD_BREAK = java.util.regex.Pattern.compile("(?<!\\\\)\\\\ {2,}+");

    private static final java.util.regex.Pattern WRAPPED_AUTHORS =
            java.util.regex.Pattern.compile("^(\\d{1,6}) authors?\\]\\([^)\\s]*+\\)$");

    // phases of an entry
    private static final int CHROME_PHASE = 0;
    private static final int TITLE_PHASE = 1;
    private static final int ABSTRACT_PHASE = 2;
    private static final int META_PHASE = 3;
    private static final int END_PHASE = 4;

    private final PageOutput out;
    /** Markdown (backslash escapes) or a browser dump (none). */
    private final boolean markdown;
    private String pageDate;
    private String title;
    private long titleLine;
    private String abstractText;
    private Integer authors;
    private String organization;
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
    /** Line of the item being read. */
    private long at;

    MarkedTextReader(PageOutput out, boolean markdown, State s) {
        this.out = out;
        this.markdown = markdown;
        if (s == null) s = State.initial();
        pageDate = s.pageDate();
        title = s.title();
        titleLine = s.titleLine();
        abstractText = s.abstractText();
        authors = s.authors();
        organization = s.organization();
        arxivId = s.arxivId();
        pendingArxiv = s.pendingArxiv();
        authorNames = s.authorNames() == null ? null : new ArrayList<>(s.authorNames());
        publishedText = s.publishedText();
        published = s.published();
        comments = s.comments();
        upvotes = s.upvotes();
        pendingUpvotes = s.pendingUpvotes();
        pendingNumber = s.pendingNumber();
        phase = s.phase();
        headingOpen = s.headingOpen();
        lastWasHeading = s.lastWasHeading();
        bulletNames = s.bulletNames() == null ? null : new ArrayList<>(s.bulletNames());
        heldEntry = s.heldEntry();
        heldEntryLine = s.heldEntryLine();
    }

    @Override
    public State state() {
        return new State(pageDate, title, titleLine, abstractText, authors, organization, arxivId, pendingArxiv,
                authorNames == null ? null : List.copyOf(authorNames), publishedText, published, comments, upvotes,
                pendingUpvotes, pendingNumber, phase, headingOpen, lastWasHeading,
                bulletNames == null ? null : List.copyOf(bulletNames), heldEntry, heldEntryLine);
    }

    /** An indented line right after an unlinked heading continues it (crawlers wrap long headings so). */
    @Override
    public void indentedLine(long n, String line) {
        if (lastWasHeading && phase == TITLE_PHASE && title != null && !MarkedLines.hasLink(title) && !headingOpen
                && !MarkedLines.hasLink(line) && InlineSyntax.heading(line) == null
                && title.length() + 1 + line.length() <= MAX_TITLE_CHARS) {
            at = n;
            title = title + " " + clean(line);
            return;
        }
        line(n, line);
    }

    @Override
    public void blank(long n) {
        lastWasHeading = false;
    }

    @Override
    public void line(long n, String line) {
        at = n;
        if (phase == END_PHASE) return;
        boolean wasHeading = lastWasHeading;
        lastWasHeading = false;
        if (MarkedLines.TRUNCATED.matcher(line).matches()) {
            truncated(line);
            return;
        }
        if (headingOpen) {
            // Continuation of a heading whose link bracket is still open (a long title wrapped over two lines).
            InlineSyntax.Heading h = InlineSyntax.heading(line);
            String more = h != null ? h.text() : line;
            if ((h != null || line.contains("]")) && title.length() + 1 + more.length() <= 2 * MAX_TITLE_CHARS) {
                title = MarkedLines.stripHardBreak(title) + " " + more; // a "\\" hard break ended the line
                headingOpen = MarkedLines.unbalanced(title);
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
            if (wasHeading && phase == TITLE_PHASE && title != null && !MarkedLines.hasLink(text) && !MarkedLines.hasLink(title)
                    && !MarkedLines.isChrome(clean(text)) && title.length() + 1 + text.length() <= MAX_TITLE_CHARS) {
                title = title + " " + text; // an unlinked title wrapped over two heading lines
                lastWasHeading = true;
                return;
            }
            heading(text, h.level());
            return;
        }
        if (MarkedLines.SETEXT.matcher(line).matches()) return;
        if (line.equalsIgnoreCase("references") || line.equalsIgnoreCase("visible links")
                || line.equalsIgnoreCase("hidden links")) {
            endEntry();
            releaseHeld();
            phase = END_PHASE;
            return;
        }
        if (MarkedLines.REFERENCE_LINE.matcher(line).matches()) return;
        Matcher org = MarkedLines.LYNX_ORG.matcher(line);
        if (!org.matches()) org = MarkedLines.MD_ORG.matcher(line);
        if (org.matches() && title != null && !"papers".equals(org.groupCount() >= 3 ? org.group(3) : null)) {
            String handle = org.groupCount() >= 3 ? org.group(3) : org.group(1);
            organization = out.capped((handle.strip() + " " + (markdown ? MarkedLines.unescape(org.group(2)) : org.group(2)).strip()).strip(),
                    MAX_ORGANIZATION_CHARS, "organization", at);
            closeAbstract();
            return;
        }
        String linkTarget = MarkedLines.firstLinkTarget(line);
        String c = clean(line);
        if (c.isEmpty() || c.equals("·") || c.equals("•") || (line.contains("![") && c.matches("[-*+]"))) {
            // Images only (avatars), an empty link (thumbnail) or a separator.
            paperLink(linkTarget, c);
            if (title != null && (phase == ABSTRACT_PHASE || !c.isEmpty())) closeAbstract();
            return;
        }
        if (MarkedLines.NUMBER.matcher(c).matches()) {
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
        Matcher d = MarkedLines.CARD_DATE.matcher(c);
        if (d.matches()) {
            // "May 2[6](…#community)": read from the line, the link text is the comment count; cleaned, it would be
            // glued to the day ("May 26").
            Matcher g = MarkedLines.GLUED_COMMENTS.matcher(line);
            String shown = g.matches() ? clean(g.group(1)) : null;
            Matcher day = shown == null ? null : MarkedLines.CARD_DATE.matcher(shown);
            if (day != null && day.matches() && day.group(4).isEmpty()) date(day, shown, g.group(2));
            else date(d, c, null);
            return;
        }
        String b = MarkedLines.stripBullets(c);
        Matcher wrapped = WRAPPED_AUTHORS.matcher(b);
        if (title != null && wrapped.matches()) {
            // The end of an author link wrapped after its avatars ("[- ![](a.svg)\\" / "- 4 authors](url)").
            authors = out.count(wrapped.group(1), "author count", at);
            closeAbstract();
            return;
        }
        InlineSyntax.Authors a = InlineSyntax.authors(b);
        if (a != null && (a.names() == null || !b.equals(c) || c.contains("·") || c.contains("•") || phase == META_PHASE)) {
            if (title != null) {
                authors = out.count(a.count(), "author count", at);
                List<String> names = MarkedLines.names(a.names());
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
                && c.length() >= LINKED_ABSTRACT_CHARS && linkTarget != null && MarkedLines.linkOnly(line)) {
            Matcher m = ListingText.PAPER_URL.matcher(linkTarget);
            if (m.matches() && !Titles.normalize(c).equals(Titles.normalize(title))) {
                // The card links its abstract to the paper page: the link text is the abstract.
                if (arxivId == null) arxivId = m.group(1);
                startAbstract(MarkedLines.withoutHardBreaks(c));
                return;
            }
        }
        if ((phase == ABSTRACT_PHASE ? MarkedLines.strictChrome(b) : MarkedLines.isChrome(b)) || (MarkedLines.linkOnly(line) && !(phase == ABSTRACT_PHASE && c.startsWith("http")))) {
            paperLink(linkTarget, c);
            if (phase == ABSTRACT_PHASE) closeAbstract();
            return;
        }
        if (ListingText.PAPER_URL.matcher(c).matches() || (ListingText.URL_ONLY.matcher(c).matches() && phase != ABSTRACT_PHASE)) {
            paperLink(c, "");
            return;
        }
        boolean bullet = MarkedLines.BULLET.matcher(c).find();
        switch (phase) {
            case TITLE_PHASE -> {
                if (bullet) {
                    bulletName(b);
                } else {
                    startAbstract(MarkedLines.stripHardBreak(c));
                }
            }
            case ABSTRACT_PHASE -> {
                appendAbstract(MarkedLines.stripHardBreak(c)); // a wrapped line may start like a bullet
                if (abstractText != null && abstractText.startsWith("[") && line.contains("](")) linkedAbstractEnds();
            }
            case META_PHASE -> {
                if (bullet) {
                    bulletName(b);
                } else if (abstractText == null) {
                    // Metadata shown above the abstract (a compact card layout): the abstract still follows.
                    startAbstract(MarkedLines.stripHardBreak(c));
                }
            }
            default -> {
                if (pageDate == null && ListingText.PAGE_DATE.matcher(c).matches()) pageDate = c;
            }
        }
    }

    /** A heading: a paper title when it links to a paper, or is unlinked at level 3+ and not chrome. */
    private void heading(String text, int level) {
        if (MarkedLines.unbalanced(text) && text.length() <= 2 * MAX_TITLE_CHARS) {
            endEntry();
            startEntry(text);
            headingOpen = true;
            lastWasHeading = true;
            return;
        }
        String target = MarkedLines.firstLinkTarget(text);
        String c = clean(text);
        boolean paper = target != null && ListingText.PAPER_URL.matcher(target).matches();
        boolean otherLink = target != null && !paper && !target.isEmpty();
        if (!paper && (c.isEmpty() || MarkedLines.isChrome(c) || otherLink || level < 3 || ListingText.PAGE_DATE.matcher(c).matches())) {
            // Chrome heading ("Daily Papers", "Trending", a date): the list (or this entry) ends here.
            endEntry();
            phase = CHROME_PHASE;
            if (pageDate == null && ListingText.PAGE_DATE.matcher(c).matches()) pageDate = c;
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
        String target = MarkedLines.firstLinkTarget(title);
        if (target != null) {
            Matcher m = ListingText.PAPER_URL.matcher(target);
            if (m.matches()) arxivId = m.group(1);
        }
        String c = clean(HARD_BREAK.matcher(title).replaceAll(" ")); // firecrawl keeps the page's <br> as "\\  "
        title = c.isEmpty() ? null : out.capped(c, MAX_TITLE_CHARS, "title", titleLine);
        if (title == null) phase = CHROME_PHASE;
    }

    /** A card date; {@code linkedComments}: the comment count when it came as its own link glued to the date. */
    private void date(Matcher d, String c, String linkedComments) {
        if (title == null) {
            if (pageDate == null && ListingText.PAGE_DATE.matcher(c).matches()) pageDate = c;
            return;
        }
        String dayText = d.group(2);
        String year = d.group(3);
        String tail = linkedComments != null ? linkedComments : d.group(4);
        if (linkedComments == null && year == null && Integer.parseInt(dayText) > 31) {
            tail = dayText.substring(1) + tail;
            dayText = dayText.substring(0, 1);
        }
        String month = c.substring(d.start(1), c.indexOf(' ', d.start(1)));
        publishedText = month + " " + dayText + (year != null ? ", " + year : "");
        published = year != null ? ListingText.iso(d.group(1), dayText, year) : null;
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
        abstractText = out.capped(abstractText, MAX_ABSTRACT_CHARS, "abstract", at);
        closeAbstract();
    }

    /**
     * An abstract that opened with '[' and a line with "](": a link text wrapped over several lines (HF cards link
     * the abstract to the paper page). When it is a link to a paper, the abstract is its text.
     */
    private void linkedAbstractEnds() {
        String target = MarkedLines.firstLinkTarget(abstractText);
        if (target == null) return;
        Matcher m = ListingText.PAPER_URL.matcher(target);
        if (!m.matches()) return;
        String text = clean(abstractText);
        if (text.startsWith("[")) return; // not one link
        if (arxivId == null) arxivId = m.group(1);
        abstractText = MarkedLines.withoutHardBreaks(text);
        closeAbstract(); // the link closed: what follows is the card's metadata
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
        Matcher m = ListingText.PAPER_URL.matcher(target.strip());
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
                out.problem(titleLine, "entry cut off by the end of the capture (" + line + "), dropped",
                        Reject.sample(clean(title)));
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
        Entry e = new Entry(out.source, Titles.id(title), title, abstractText, authors, organization, publishedText,
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
            out.problem(heldEntryLine, "title with no abstract", Reject.sample(heldEntry.title()));
        } else {
            out.entry(heldEntry);
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

    @Override
    public void finish(long lastLine) {
        at = lastLine;
        if (pendingNumber != null) {
            appendAbstract(pendingNumber);
            pendingNumber = null;
        }
        endEntry();
        releaseHeld();
    }

    private String clean(String s) {
        return MarkedLines.clean(s, markdown);
    }
}
