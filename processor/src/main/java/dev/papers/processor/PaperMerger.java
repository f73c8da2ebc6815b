package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Paper;
import dev.papers.common.Sighting;
import dev.papers.parse.EntryMerger;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a new sighting into a catalogue paper with the same field rule as {@code papers parse --unique}. A sighting
 * counts once per source: the same page sent again (or a paper listed twice on one page) refreshes the fields and
 * {@code lastSeen} but adds neither a source nor a duplicate. At most {@link #MAX_SOURCES} sources are listed, so a
 * paper stays small however often it is seen; beyond them each new source name still counts as a duplicate. Each
 * sighting that shows something new joins the paper's bounded history ({@link Sighting#add}).
 */
public final class PaperMerger {
    public static final int MAX_SOURCES = 256;

    private PaperMerger() {}

    public static Paper merge(Paper p, Entry e, long seenAt) {
        Entry current = new Entry(p.sources().isEmpty() ? null : p.sources().get(0), p.id(), p.title(), p.abstractText(),
                p.authors(), p.organization(), p.publishedText(), p.published(), p.upvotes(), p.pageDate(), p.arxivId(),
                p.authorNames(), p.comments());
        Entry m = EntryMerger.merge(current, e);
        boolean newSource = !p.sources().contains(e.source());
        List<String> sources = p.sources();
        if (newSource && sources.size() < MAX_SOURCES) {
            sources = new ArrayList<>(sources);
            sources.add(e.source());
        }
        return new Paper(Paper.SCHEMA_VERSION, p.id(), p.title(), p.normalizedTitle(), m.abstractText(), m.authors(),
                m.organization(), m.publishedText(), m.published(), m.upvotes(), m.pageDate(), m.arxivId(), m.authorNames(),
                m.comments(), sources,
                p.tags(), Math.min(p.firstSeen(), seenAt), Math.max(p.lastSeen(), seenAt), p.duplicates() + (newSource ? 1 : 0),
                Sighting.add(p.history(), new Sighting(seenAt, e.upvotes(), e.source())));
    }
}
