package dev.papers.sink;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.papers.common.Paper;
import dev.papers.common.TagScore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom 1.0 or RSS 2.0 of papers, written by ROME: each entry links to the paper on Hugging Face when its arXiv id is
 * known (else to this catalogue), carries the abstract, the tags as categories and the upvotes (as a category
 * {@code upvotes:N} and a {@code papers:upvotes} element).
 */
final class PaperFeed {
    static final Namespace NS = Namespace.getNamespace("papers", "https://github.com/papers-pipeline/ns/1");

    enum Type {
        ATOM("atom_1.0", "application/atom+xml"), RSS("rss_2.0", "application/rss+xml");
        final String rome, contentType;

        Type(String rome, String contentType) {
            this.rome = rome;
            this.contentType = contentType;
        }
    }

    private PaperFeed() {}

    /** {@code papers} in the order given (the caller sorts them); {@code self} is the feed's own URL. */
    static String write(Type type, String title, String self, String base, List<Paper> papers) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type.rome);
        feed.setTitle(title);
        feed.setLink(self);
        feed.setUri(self);
        feed.setDescription("Hugging Face Daily Papers from the papers-pipeline catalogue");
        List<SyndEntry> entries = new ArrayList<>();
        Date newest = null;
        for (Paper p : papers) {
            SyndEntry e = new SyndEntryImpl();
            e.setTitle(p.title());
            e.setLink(link(p, base));
            e.setUri(link(p, base));
            Date when = date(p);
            e.setPublishedDate(when);
            e.setUpdatedDate(new Date(p.lastSeen()));
            if (newest == null || when.after(newest)) newest = when;
            SyndContent abs = new SyndContentImpl();
            abs.setType("text/plain");
            abs.setValue(p.abstractText());
            e.setDescription(abs);
            List<SyndCategory> cats = new ArrayList<>();
            for (TagScore t : p.tags()) cats.add(category(t.tag()));
            if (p.upvotes() != null) cats.add(category("upvotes:" + p.upvotes()));
            e.setCategories(cats);
            if (p.authorNames() != null) e.setAuthor(String.join(", ", p.authorNames()));
            if (p.upvotes() != null) {
                Element up = new Element("upvotes", NS);
                up.setText(String.valueOf(p.upvotes()));
                e.setForeignMarkup(List.of(up));
            }
            entries.add(e);
        }
        feed.setEntries(entries);
        feed.setPublishedDate(newest == null ? new Date(0) : newest);
        try {
            return new SyndFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("feed output failed: " + e.getMessage(), e);
        }
    }

    /** https://huggingface.co/papers/ARXIV when known; else this catalogue's own record of the paper. */
    static String link(Paper p, String base) {
        if (p.arxivId() != null && !p.arxivId().isBlank()) return "https://huggingface.co/papers/" + p.arxivId();
        return base + "/papers/" + p.id();
    }

    /** Publication date when known (ISO day), else first seen. */
    static Date date(Paper p) {
        LocalDate published = published(p);
        return published != null ? Date.from(published.atStartOfDay(ZoneOffset.UTC).toInstant()) : new Date(p.firstSeen());
    }

    /** The publication day when the paper has one as an ISO day, else null. */
    static LocalDate published(Paper p) {
        if (p.published() == null) return null;
        try {
            return LocalDate.parse(p.published());
        } catch (RuntimeException notAnIsoDay) {
            return null;
        }
    }

    private static SyndCategory category(String name) {
        SyndCategory c = new SyndCategoryImpl();
        c.setName(name);
        return c;
    }
}
