package dev.papers.processor;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Reject;
import dev.papers.common.parse.ListingParser;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reassembles the chunks of each source's page through the incremental parser, whose state lives in
 * {@link PapersTopology#PAGE_STATE_STORE}. Emits entries as soon as they are complete and a reject for every
 * problem; nothing thrown here can stop the stream thread.
 */
final class ReassembleProcessor implements Processor<String, byte[], String, Parsed> {
    private final long maxPageChars;
    private ProcessorContext<String, Parsed> ctx;
    private KeyValueStore<String, PageState> pages;

    ReassembleProcessor(long maxPageChars) {
        this.maxPageChars = maxPageChars;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.ctx = context;
        this.pages = context.getStateStore(PapersTopology.PAGE_STATE_STORE);
    }

    @Override
    public void process(Record<String, byte[]> rec) {
        String key = rec.key() == null ? "unknown" : rec.key();
        Chunk chunk;
        try {
            chunk = Json.MAPPER.readValue(rec.value(), Chunk.class);
            if (chunk.source() == null || chunk.ingestId() == null || chunk.text() == null) {
                throw new IllegalArgumentException("missing source, ingestId or text");
            }
        } catch (Exception e) {
            String sample = rec.value() == null ? null : new String(rec.value(), 0, Math.min(rec.value().length, 300), StandardCharsets.UTF_8);
            reject(rec, new Reject(key, null, -1, 0, "not a chunk record: " + firstLine(e.getMessage()), Reject.sample(sample)));
            return;
        }
        try {
            handle(rec, chunk);
        } catch (RuntimeException e) {
            // A parser bug must cost one page, not the pipeline.
            pages.delete(chunk.source());
            reject(rec, new Reject(chunk.source(), chunk.ingestId(), chunk.seq(), 0, "internal error, page dropped: " + e, null));
        }
    }

    private void handle(Record<String, byte[]> rec, Chunk c) {
        String source = c.source();
        PageState st = pages.get(source);
        if (st != null && !st.ingestId().equals(c.ingestId())) {
            if (!st.dropped()) {
                reject(rec, new Reject(source, st.ingestId(), st.nextSeq(), 0,
                        "page incomplete: chunks from seq " + st.nextSeq() + " never arrived before ingest " + c.ingestId() + " started", null));
            }
            st = null;
        }
        if (st == null) {
            if (c.seq() != 0) {
                reject(rec, new Reject(source, c.ingestId(), c.seq(), 0,
                        "chunk " + c.seq() + " arrived without the start of its page (chunks 0.." + (c.seq() - 1) + " missing)", Reject.sample(c.text())));
                return;
            }
            st = new PageState(c.ingestId(), 0, 0, false, ListingParser.start(source).state());
        }
        if (c.seq() < st.nextSeq()) return; // redelivered chunk already applied
        if (c.seq() > st.nextSeq()) {
            reject(rec, new Reject(source, c.ingestId(), c.seq(), 0,
                    "chunks " + st.nextSeq() + ".." + (c.seq() - 1) + " missing; rest of page dropped", null));
            st = new PageState(c.ingestId(), c.seq() + 1, st.chars(), true, st.parser());
        } else if (st.dropped()) {
            st = new PageState(c.ingestId(), c.seq() + 1, st.chars(), true, st.parser());
        } else if (st.chars() + c.text().length() > maxPageChars) {
            reject(rec, new Reject(source, c.ingestId(), c.seq(), st.parser().lineNo(),
                    "page larger than " + maxPageChars + " characters; rest of page dropped", null));
            st = new PageState(c.ingestId(), c.seq() + 1, st.chars() + c.text().length(), true, st.parser());
        } else {
            ListingParser parser = ListingParser.resume(st.parser());
            emit(rec, parser.feed(c.text()));
            if (c.last()) emit(rec, parser.finish());
            for (ListingParser.Problem p : parser.drainProblems()) {
                reject(rec, new Reject(source, c.ingestId(), c.seq(), p.line(), p.reason(), p.sample()));
            }
            st = new PageState(c.ingestId(), c.seq() + 1, st.chars() + c.text().length(), false, parser.state());
        }
        if (c.last()) pages.delete(source);
        else pages.put(source, st);
    }

    private void emit(Record<String, byte[]> rec, java.util.List<Entry> entries) {
        for (Entry e : entries) ctx.forward(rec.withKey(e.id()).withValue(Parsed.of(e)));
    }

    private void reject(Record<String, byte[]> rec, Reject r) {
        ctx.forward(rec.withKey(r.source()).withValue(Parsed.of(r)));
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
