package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.parse.ListingParser;
import dev.papers.common.streams.DeadLetters;
import dev.papers.common.streams.RecordFailedException;
import dev.papers.processor.RawRecords.Envelope;
import dev.papers.processor.RawRecords.HeaderChunk;
import dev.papers.processor.RawRecords.Invalid;
import dev.papers.processor.RawRecords.Raw;
import dev.papers.processor.RawRecords.WholePage;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * timeout is reported and forgotten. A failure while handling one record drops the rest of that page and goes to the
 * dead-letter topic ({@link DeadLetters}); the stream thread goes on.
 */
final class ReassembleProcessor implements Processor<String, byte[], String, Parsed> {
    private final long maxPageChars;
    private final Duration pageTimeout;
    private ProcessorContext<String, Parsed> ctx;
    /** A document page's text is stored in pieces of at most this many characters (≤ 96 KiB of UTF-8). */
    static final int PIECE_CHARS = 32 * 1024;
    private KeyValueStore<String, PageState> pages;
    private KeyValueStore<String, String> pieces;

    ReassembleProcessor(long maxPageChars, Duration pageTimeout) {
        this.maxPageChars = maxPageChars;
        this.pageTimeout = pageTimeout;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.ctx = context;
        this.pages = context.getStateStore(PapersTopology.PAGE_STATE_STORE);
        this.pieces = context.getStateStore(PapersTopology.PAGE_PIECES_STORE);
        Duration every = pageTimeout.dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(30)) > 0) every = Duration.ofSeconds(30);
        if (every.compareTo(Duration.ofMillis(100)) < 0) every = Duration.ofMillis(100);
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expireIncompletePages);
    }

    @Override
    public void process(Record<String, byte[]> rec) {
        Raw raw = RawRecords.decode(rec.key(), rec.value(), rec.headers(), fallbackSource(rec));
        String source = null;
        long seq = 0;
        try {
            if (raw instanceof Envelope e) {
                source = e.chunk().source();
                seq = e.chunk().seq();
                chunk(rec, source, e.chunk().ingestId(), seq, e.chunk().last(), e.chunk().text(), null, false);
            } else if (raw instanceof HeaderChunk h) {
                source = h.source();
                seq = h.seq();
                chunk(rec, source, h.ingestId(), seq, h.last(), null, h.bytes(), true);
            } else if (raw instanceof WholePage w) {
                wholePage(rec, w);
            } else if (raw instanceof Invalid i) {
                reject(rec, new Reject(i.source(), null, -1, 0, i.reason(), i.sample()));
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // One page's failure (a parser bug, input that exhausts the stack or the heap) costs that page: the rest
            // of it is ignored, and the record goes to the dead-letter topic (DeadLetters) with the reason.
            if (source != null) dropPage(source, seq, rec.timestamp());
            throw RecordFailedException.contain("page " + source, e);
        }
    }

    /** A whole page in one record needs no reassembly state. */
    private void wholePage(Record<String, byte[]> rec, WholePage w) {
        if (w.text().length() > maxPageChars) {
            reject(rec, new Reject(w.source(), null, 0, 0, "page larger than " + maxPageChars + " characters; page dropped", Reject.sample(w.text())));
            return;
        }
        ListingParser.Result r = ListingParser.parseAll(w.source(), w.text());
        emit(rec, r.entries());
        for (ListingParser.Problem p : r.problems()) {
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
            dropPieces(source, st);
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
            st = dropped(source, st, seq + 1, 0, now);
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
                st = dropped(source, st, seq + 1, 0, now);
            } else if (st.chars() + text.length() > maxPageChars) {
                reject(rec, new Reject(source, ingestId, seq, st.parser().lineNo(),
                        "page larger than " + maxPageChars + " characters; rest of page dropped", null));
                st = dropped(source, st, seq + 1, text.length(), now);
            } else if (st.document()) {
                st = st.next(seq + 1, text.length(), false, st.parser(), tail, now).withPieces(st.pieces() + storePieces(source, st.pieces(), text));
                if (last) parseDocument(rec, source, st, tail != null);
            } else {
                ListingParser parser = ListingParser.resume(st.parser());
                emit(rec, parser.feed(text));
                String doc = parser.takeDocument();
                if (doc != null) {
                    // Recognised as HTML/JSON: from now on its text is kept apart and parsed once at the end.
                    st = st.next(seq + 1, text.length(), false, parser.state(), tail, now).withPieces(storePieces(source, 0, doc));
                    if (last) parseDocument(rec, source, st, tail != null);
                } else {
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
        }
        if (last) {
            dropPieces(source, st);
            pages.delete(source);
        } else {
            pages.put(source, st);
        }
    }

    /** The rest of the page is ignored (its pieces are deleted now; the small state stays until the last chunk). */
    private PageState dropped(String source, PageState st, long nextSeq, long addedChars, long now) {
        dropPieces(source, st);
        return new PageState(st.ingestId(), nextSeq, st.chars() + addedChars, true, st.parser(), null, now, false, 0);
    }

    /** After a failure: later chunks of this page are ignored rather than parsed from a state that may be broken. */
    private void dropPage(String source, long seq, long timestamp) {
        PageState st = pages.get(source);
        if (st == null) return;
        pages.put(source, dropped(source, st, Math.max(st.nextSeq(), seq + 1), 0, ctx.currentSystemTimeMs()));
    }

    /** Appends a document's text as pieces of at most {@link #PIECE_CHARS} characters; returns how many. */
    private int storePieces(String source, int first, String text) {
        int n = 0;
        for (int i = 0; i < text.length(); n++) {
            int end = Math.min(text.length(), i + PIECE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end--; // keep pairs whole
            pieces.put(pieceKey(source, first + n), text.substring(i, end));
            i = end;
        }
        return n;
    }

    private String assemble(String source, PageState st) {
        StringBuilder sb = new StringBuilder((int) Math.min(st.chars(), Integer.MAX_VALUE - 16));
        for (int i = 0; i < st.pieces(); i++) {
            String p = pieces.get(pieceKey(source, i));
            if (p != null) sb.append(p);
        }
        return sb.toString();
    }

    private void dropPieces(String source, PageState st) {
        for (int i = 0; i < st.pieces(); i++) pieces.delete(pieceKey(source, i));
    }

    static String pieceKey(String source, int i) {
        return source + '\u0000' + String.format(Locale.ROOT, "%09d", i);
    }

    /** The last chunk of a document page came: the assembled document is parsed once. */
    private void parseDocument(Record<String, byte[]> rec, String source, PageState st, boolean cutInUtf8) {
        ListingParser.Result r = ListingParser.parseAll(source, assemble(source, st));
        emit(rec, r.entries());
        for (ListingParser.Problem p : r.problems()) {
            reject(rec, new Reject(source, st.ingestId(), st.nextSeq() - 1, p.line(), p.reason(), p.sample()));
        }
        if (cutInUtf8) {
            reject(rec, new Reject(source, st.ingestId(), st.nextSeq() - 1, 0, "page ends inside a UTF-8 sequence; last bytes dropped", null));
        }
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
            dropPieces(kv.key, st);
        }
    }

    /**
     * Keeps what a cut page still holds: the parser is finished where the page stops, so the entry in progress
     * (its abstract perhaps cut short; a later full ingest merges the longer one) arrives and a half line is reported.
     */
    private void finishCut(String source, PageState st, long timestamp) {
        if (st.document()) {
            // What arrived of a document is parsed as it is (HTML parsers take a cut page; a cut JSON is a problem).
            ListingParser.Result r = ListingParser.parseAll(source, assemble(source, st));
            for (Entry e : r.entries()) ctx.forward(new Record<>(e.id(), Parsed.of(e), timestamp));
            for (ListingParser.Problem p : r.problems()) {
                ctx.forward(new Record<>(source, Parsed.of(new Reject(source, st.ingestId(), st.nextSeq(), p.line(), p.reason(), p.sample())), timestamp));
            }
            return;
        }
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
