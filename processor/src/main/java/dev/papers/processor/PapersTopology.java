package dev.papers.processor;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.TagScore;
import dev.papers.common.Topics;
import dev.papers.common.streams.DeadLetters;
import dev.papers.tagging.Tagger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor topology, top to bottom:
 * <pre>
 * listings.raw ─▶ reassemble (page-state-store, page-pieces-store) ─┬─▶ rejects ─▶ listings.rejects
 *                                                └─▶ entries ─▶ repartition by id ─▶ dedup+tag (papers-store)
 *                                                        ─▶ papers (compacted) and papers.by-tag (compacted)
 * </pre>
 * A record that fails anywhere (deserializing, processing, serializing) goes to {@code listings.dead-letters}
 * through Kafka Streams' exception handlers ({@link #errorHandling}, {@link DeadLetters}).
 */
public final class PapersTopology {
    /** Partial page per source: {@link PageState}. */
    public static final String PAGE_STATE_STORE = "page-state-store";
    /** Text of document pages (HTML, JSON) while they arrive, in pieces: key {@code source + '\0' + piece number}. */
    public static final String PAGE_PIECES_STORE = "page-pieces-store";
    /** Merged paper per id: the dedup memory. */
    public static final String PAPERS_STORE = "papers-store";
    /** Default bound on one page, in characters: larger pages are rejected, not buffered. */
    public static final long DEFAULT_MAX_PAGE_CHARS = 64L * 1024 * 1024;

    /**
     * Bound on every record the processor writes (state changelogs, the repartition topic, outputs), well under the
     * producer's default {@code max.request.size} of 1 MiB. The parser's state, a document piece and a paper stay
     * far below it by construction; a record over it goes to the dead-letter topic instead of failing the transaction.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;

    /** Tags a paper's text; the {@link Tagger} in production, anything in tests. */
    @FunctionalInterface
    public interface TagFunction {
        List<TagScore> tag(String title, String abstractText);
    }

    private PapersTopology() {}

    /**
     * Kafka Streams' exception handlers writing dead letters ({@link DeadLetters}) to the configured topic: every
     * client running this topology needs them.
     */
    public static Map<String, String> errorHandling(PapersConfig cfg) {
        return DeadLetters.config(cfg.deadLetterTopic());
    }

    /** Default wait for the next chunk of a page before it is reported incomplete. */
    public static final Duration DEFAULT_PAGE_TIMEOUT = Duration.ofMinutes(5);

    public static Topology buildTopology(PapersConfig cfg, Tagger tagger, long maxPageChars) {
        return buildTopology(cfg, tagger, maxPageChars, DEFAULT_PAGE_TIMEOUT);
    }

    public static Topology buildTopology(PapersConfig cfg, Tagger tagger, long maxPageChars, Duration pageTimeout) {
        return buildTopology(cfg, tagger::tag, maxPageChars, pageTimeout, DEFAULT_MAX_RECORD_BYTES);
    }

    public static Topology buildTopology(PapersConfig cfg, TagFunction tagger, long maxPageChars, Duration pageTimeout,
                                         int maxRecordBytes) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAGE_STATE_STORE),
                Serdes.String(), Json.serde(PageState.class, maxRecordBytes)));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAGE_PIECES_STORE),
                Serdes.String(), Serdes.String()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAPERS_STORE),
                Serdes.String(), Json.serde(Paper.class, maxRecordBytes)));

        // Raw bytes in (RawRecords is the contract): a value of no accepted shape becomes a reject, not a deserialization failure.
        KStream<String, Parsed> parsed = b.stream(cfg.rawTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
                .process(() -> new ReassembleProcessor(maxPageChars, pageTimeout), Named.as("reassemble"), PAGE_STATE_STORE, PAGE_PIECES_STORE);

        Map<String, KStream<String, Parsed>> branches = parsed.split(Named.as("parsed-"))
                .branch((k, v) -> v.reject() != null, Branched.as("rejects"))
                .defaultBranch(Branched.as("entries"));

        branches.get("parsed-rejects")
                .mapValues(Parsed::reject, Named.as("reject-value"))
                .to(cfg.rejectsTopic(), Produced.with(Serdes.String(), Json.serde(Reject.class, maxRecordBytes)).withName("write-rejects"));

        KStream<String, PaperUpdate> updates = branches.get("parsed-entries")
                .mapValues(Parsed::entry, Named.as("entry-value"))
                // Keyed by id already (the reassembler sets it); repartition so one task owns each paper.
                .repartition(Repartitioned.<String, Entry>as("entries-by-id")
                        .withKeySerde(Serdes.String()).withValueSerde(Json.serde(Entry.class, maxRecordBytes)))
                .process(() -> new DedupProcessor(tagger), Named.as("dedup-and-tag"), PAPERS_STORE);

        updates.mapValues(PaperUpdate::paper, Named.as("paper-value"))
                .to(cfg.papersTopic(), Produced.with(Serdes.String(), Json.serde(Paper.class, maxRecordBytes)).withName("write-papers"));

        updates.flatMap(PapersTopology::tagIndexRecords, Named.as("tag-index-deltas"))
                .to(cfg.byTagTopic(), Produced.with(Serdes.String(), Serdes.String()).withName("write-papers-by-tag"));

        return b.build();
    }

    /** Tag index deltas: key tag+'\0'+id, value id to add, null (tombstone) to remove. */
    static List<KeyValue<String, String>> tagIndexRecords(String id, PaperUpdate u) {
        List<KeyValue<String, String>> out = new ArrayList<>();
        for (String t : u.removedTags()) out.add(KeyValue.pair(Topics.tagKey(t, id), null));
        for (String t : u.addedTags()) out.add(KeyValue.pair(Topics.tagKey(t, id), id));
        return out;
    }
}
