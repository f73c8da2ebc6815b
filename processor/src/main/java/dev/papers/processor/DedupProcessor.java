package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Paper;
import dev.papers.common.streams.RecordFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Dedup by paper id (= normalised title) in {@link PapersTopology#PAPERS_STORE}: the first sighting is tagged and
 * emitted; later sightings merge and are emitted with their counters ({@link PaperMerger}: once per source). Tags are
 * recomputed only when the text that feeds them changes. Output timestamps are the paper's {@code lastSeen}, so they
 * never go backwards per key.
 */
final class DedupProcessor implements Processor<String, Entry, String, PaperUpdate> {
    private final PapersTopology.TagFunction tagger;
    private ProcessorContext<String, PaperUpdate> ctx;
    private KeyValueStore<String, Paper> papers;

    DedupProcessor(PapersTopology.TagFunction tagger) {
        this.tagger = tagger;
    }

    @Override
    public void init(ProcessorContext<String, PaperUpdate> context) {
        this.ctx = context;
        this.papers = context.getStateStore(PapersTopology.PAPERS_STORE);
    }

    @Override
    public void process(Record<String, Entry> rec) {
        try {
            dedup(rec);
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw RecordFailedException.contain("paper " + rec.key(), e); // a dead letter, not a dead thread
        }
    }

    private void dedup(Record<String, Entry> rec) {
        Entry e = rec.value();
        Paper existing = papers.get(rec.key());
        Paper next;
        List<String> before = existing == null ? List.of() : existing.tagNames();
        if (existing == null) {
            Paper p = Paper.of(e, rec.timestamp());
            next = p.withTags(tagger.tag(p.title(), p.abstractText()));
        } else {
            next = PaperMerger.merge(existing, e, rec.timestamp());
            if (!Objects.equals(next.abstractText(), existing.abstractText())) {
                next = next.withTags(tagger.tag(next.title(), next.abstractText()));
            }
        }
        papers.put(rec.key(), next);
        List<String> after = next.tagNames();
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        // Timestamps never go back per key (a later sighting may come from an older page): lastSeen only grows.
        ctx.forward(rec.withValue(new PaperUpdate(next, removed, added)).withTimestamp(next.lastSeen()));
    }
}
