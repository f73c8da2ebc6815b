package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Paper;
import dev.papers.common.parse.EntryMerger;
import java.util.ArrayList;
import java.util.List;

/** Folds a new sighting into a catalogue paper with the same rule as {@code papers parse --unique}. */
public final class PaperMerger {
    private PaperMerger() {}

    public static Paper merge(Paper p, Entry e, long seenAt) {
        Entry current = new Entry(p.sources().isEmpty() ? null : p.sources().get(0), p.id(), p.title(), p.abstractText(),
                p.authors(), p.organization(), p.publishedText(), p.published(), p.upvotes(), p.pageDate(), p.arxivId(),
                p.authorNames(), p.comments());
        Entry m = EntryMerger.merge(current, e);
        List<String> sources = new ArrayList<>(p.sources());
        if (!sources.contains(e.source())) sources.add(e.source());
        return new Paper(Paper.SCHEMA_VERSION, p.id(), p.title(), p.normalizedTitle(), m.abstractText(), m.authors(),
                m.organization(), m.publishedText(), m.published(), m.upvotes(), m.pageDate(), m.arxivId(), m.authorNames(),
                m.comments(), sources,
                p.tags(), Math.min(p.firstSeen(), seenAt), Math.max(p.lastSeen(), seenAt), p.duplicates() + 1);
    }
}
