package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.common.parse.ListingParser;
import dev.papers.processor.RawRecords.Envelope;
import dev.papers.processor.RawRecords.HeaderChunk;
import dev.papers.processor.RawRecords.Invalid;
import dev.papers.processor.RawRecords.Raw;
import dev.papers.processor.RawRecords.WholePage;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns raw records ({@link RawRecords}: envelopes, whole pages, header-described chunks) into entries, through the
 * incremental parser whose per-source state lives in {@link PapersTopology#PAGE_STATE_STORE}. Emits entries as soon
 * as they are complete and a reject for every problem; a page whose next chunk does not come within the page
 * timeout is reported and forgotten. Nothing thrown here can stop the stream thread.
 */
final class ReassembleProcessor implements Processor<String, byte[], String, Parsed> {
    private final long maxPageChars;
    private final Duration pageTimeout;
    private ProcessorContext<String, Parsed> ctx;
    private KeyValueStore<String, PageState> pages;

    ReassembleProcessor(long maxPageChars, Duration pageTimeout) {
        this.maxPageChars = maxPageChars;
        this.pageTimeout = pageTimeout;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.ctx = context;
        this.pages = context.getStateStore(PapersTopology.PAGE_STATE_STORE);
        Duration every = pageTimeout.dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(30)) > 0) every = Duration.ofSeconds(30);
        if (every.compareTo(Duration.ofMillis(100)) < 0) every = Duration.ofMillis(100);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expireIncompletePages);
    }

    @Override
    public void process(Record<String, byte[]> rec) {
        Raw raw = RawRecords.decode(rec.key(), rec.value(), rec.headers(), fallbackSource(rec));
        String source = rec.key() == null ? "unknown" : rec.key();
        try {
            if (raw instanceof Envelope e) {
                source = e.chunk().source();
                chunk(rec, source, e.chunk().ingestId(), e.chunk().seq(), e.chunk().last(), e.chunk().text(), null, false);
            } else if (raw instanceof HeaderChunk h) {
                source = h.source();
                chunk(rec, source, h.ingestId(), h.seq(), h.last(), null, h.bytes(), true);
            } else if (raw instanceof WholePage w) {
                source = w.source();
                wholePage(rec, w);
            } else if (raw instanceof Invalid i) {
                reject(rec, new Reject(i.source(), null, -1, 0, i.reason(), i.sample()));
            }
        } catch (RuntimeException e) {
            // A parser bug must cost one page, not the pipeline.
            pages.delete(source);
            reject(rec, new Reject(source, null, -1, 0, "internal error, page dropped: " + e, null));
        }
    }

    /** A whole page in one record needs no reassembly state. */
    private void wholePage(Record<String, byte[]> rec, WholePage w) {
        if (w.text().length() > maxPageChars) {
            reject(rec, new Reject(w.source(), null, 0, 0, "page larger than " + maxPageChars + " characters; page dropped", Reject.sample(w.text())));
            return;
        }
        ListingParser parser = ListingParser.start(w.source());
        emit(rec, parser.feed(w.text()));
        emit(rec, parser.finish());
        for (ListingParser.Problem p : parser.drainProblems()) {
            reject(rec, new Reject(w.source(), null, 0, p.line(), p.reason(), p.sample()));
        }
    }

    /**
     * One chunk of a page: {@code text} for envelopes, {@code bytes} for header-described chunks (decoded here, after
     * the tail bytes the previous chunk could not decode). Header chunks carry no run id, so a new seq 0 starts a new page.
     */
    private void chunk(Record<String, byte[]> rec, String source, String ingestId, long seq, boolean last,
                       String text, byte[] bytes, boolean seqZeroRestarts) {
        long now = ctx.currentSystemTimeMs();
        PageState st = pages.get(source);
        if (st != null && (!st.ingestId().equals(ingestId) || (seqZeroRestarts && seq == 0 && st.nextSeq() > 0))) {
            if (!st.dropped()) {
                reject(rec, new Reject(source, st.ingestId(), st.nextSeq(), 0,
                        "page incomplete: chunks from seq " + st.nextSeq() + " never arrived before a new page of this source started", null));
                finishCut(source, st, rec.timestamp());
            }
            st = null;
        }
        if (st == null) {
            if (seq != 0) {
                reject(rec, new Reject(source, ingestId, seq, 0,
                        "chunk " + seq + " arrived without the start of its page (chunks 0.." + (seq - 1) + " missing)",
                        text != null ? Reject.sample(text) : RawRecords.sample(bytes)));
                return;
            }
            st = new PageState(ingestId, 0, 0, false, ListingParser.start(source).state(), null, now);
        }
        if (seq < st.nextSeq()) return; // redelivered chunk already applied
        if (seq > st.nextSeq()) {
            if (!st.dropped()) {
                reject(rec, new Reject(source, ingestId, seq, 0, "chunks " + st.nextSeq() + ".." + (seq - 1) + " missing; rest of page dropped", null));
                finishCut(source, st, rec.timestamp());
            }
            st = st.next(seq + 1, 0, true, st.parser(), null, now);
        } else if (st.dropped()) {
            st = st.next(seq + 1, 0, true, st.parser(), null, now);
        } else {
            byte[] tail = null;
            if (bytes != null) {
                try {
                    RawRecords.Utf8Prefix u = RawRecords.decodePrefix(concat(st.tail(), bytes));
                    text = u.text();
                    tail = u.tail().length == 0 ? null : u.tail();
                } catch (CharacterCodingException e) {
                    text = null;
                }
            }
            if (text == null) {
                reject(rec, new Reject(source, ingestId, seq, st.parser().lineNo(), "chunk is not UTF-8 text; rest of page dropped", RawRecords.sample(bytes)));
                st = st.next(seq + 1, 0, true, st.parser(), null, now);
            } else if (st.chars() + text.length() > maxPageChars) {
                reject(rec, new Reject(source, ingestId, seq, st.parser().lineNo(),
                        "page larger than " + maxPageChars + " characters; rest of page dropped", null));
                st = st.next(seq + 1, text.length(), true, st.parser(), null, now);
            } else {
                ListingParser parser = ListingParser.resume(st.parser());
                emit(rec, parser.feed(text));
                if (last) {
                    emit(rec, parser.finish());
                    if (tail != null) {
                        reject(rec, new Reject(source, ingestId, seq, parser.state().lineNo(), "page ends inside a UTF-8 sequence; last bytes dropped", null));
                    }
                }
                for (ListingParser.Problem p : parser.drainProblems()) {
                    reject(rec, new Reject(source, ingestId, seq, p.line(), p.reason(), p.sample()));
                }
                st = st.next(seq + 1, text.length(), false, parser.state(), tail, now);
            }
        }
        if (last) pages.delete(source);
        else pages.put(source, st);
    }

    /** A page whose next chunk has not come for the page timeout is reported with what was missing, then forgotten. */
    private void expireIncompletePages(long now) {
        List<KeyValue<String, PageState>> expired = new ArrayList<>();
        try (KeyValueIterator<String, PageState> it = pages.all()) {
            while (it.hasNext()) {
                KeyValue<String, PageState> kv = it.next();
                if (now - kv.value.updatedAt() >= pageTimeout.toMillis()) expired.add(kv);
            }
        }
        for (KeyValue<String, PageState> kv : expired) {
            PageState st = kv.value;
            pages.delete(kv.key);
            if (st.dropped()) continue; // its gap was reported when it was seen
            Reject r = new Reject(kv.key, st.ingestId(), st.nextSeq(), st.parser().lineNo(),
                    "page incomplete: no chunk for " + pageTimeout.toSeconds() + " s; chunk " + st.nextSeq()
                            + " and the rest up to the last chunk never arrived (entries before it were kept)", null);
            ctx.forward(new Record<>(kv.key, Parsed.of(r), now));
            finishCut(kv.key, st, now);
        }
    }

    /**
     * Keeps what a cut page still holds: the parser is finished where the page stops, so the entry in progress
     * (its abstract perhaps cut short; a later full ingest merges the longer one) arrives and a half line is reported.
     */
    private void finishCut(String source, PageState st, long timestamp) {
        ListingParser parser = ListingParser.resume(st.parser());
        for (Entry e : parser.finish()) ctx.forward(new Record<>(e.id(), Parsed.of(e), timestamp));
        for (ListingParser.Problem p : parser.drainProblems()) {
            ctx.forward(new Record<>(source, Parsed.of(new Reject(source, st.ingestId(), st.nextSeq(), p.line(), p.reason(), p.sample())), timestamp));
        }
    }

    private String fallbackSource(Record<String, byte[]> rec) {
        return ctx.recordMetadata().map(RecordMetadata::topic).orElse("raw") + "-"
                + ctx.recordMetadata().map(m -> String.valueOf(m.partition())).orElse("?") + "-"
                + ctx.recordMetadata().map(m -> String.valueOf(m.offset())).orElse("?");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a == null || a.length == 0) return b;
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void emit(Record<String, byte[]> rec, List<Entry> entries) {
        for (Entry e : entries) ctx.forward(rec.withKey(e.id()).withValue(Parsed.of(e)));
    }

    private void reject(Record<String, byte[]> rec, Reject r) {
        ctx.forward(rec.withKey(r.source()).withValue(Parsed.of(r)));
    }
}
