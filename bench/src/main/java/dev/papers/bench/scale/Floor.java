package dev.papers.bench.scale;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Topics;
import dev.papers.common.streams.StreamsDefaults;
import dev.papers.gen.GeneratedCorpus;
import dev.papers.parse.EntryMerger;
import dev.papers.parse.ListingParser;
import dev.papers.tagging.Tagger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Kafka Streams' own floor for this pipeline's shape: the same topics and partitions, the same hops (input keyed by
 * page, a store written per input record, a repartition by paper id, a changelogged papers store, the papers and
 * by-tag outputs with the real record sizes, a sink materializing {@code papers} into a store), exactly-once — with
 * the work removed: entries are parsed, merged and tagged before the clock starts and pass through as bytes; no
 * reassembly, JSON, tagging or search index. What the pipeline takes beyond this is our code's cost.
 */
final class Floor {
    static final String PAGE_STORE = "floor-page-store", PAPERS_STORE = "floor-papers-store", SINK_STORE = "floor-sink-store";
    static final String ID = "id", TAGS = "tags";

    /**
     * Which parts of the shape run: the floor itself is {@link #FULL}; the others each take one part away, so the
     * difference says what that part of the framework costs ({@code papers-bench bench --floor-variants}).
     */
    record Shape(String name, boolean byTag, boolean exactlyOnce) {
        static final Shape FULL = new Shape("floor", true, true);
        static final Shape NO_BY_TAG = new Shape("floor_no_by_tag", false, true);
        static final Shape AT_LEAST_ONCE = new Shape("floor_at_least_once", true, false);
    }

    /** One sighting, ready to send: the page it is on, the paper's id, its final record bytes and its tags. */
    record Sighting(String source, String id, byte[] paper, List<String> tags) {}

    private Floor() {}

    /** Parses, merges and tags the corpus as the pipeline would, untimed: the floor's input. */
    static List<Sighting> prepare(GeneratedCorpus corpus) throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Path page : corpus.pages()) {
            entries.addAll(ListingParser.parseAll(page.getFileName().toString(), Files.readString(page, StandardCharsets.UTF_8)).entries());
        }
        Map<String, Entry> merged = new HashMap<>();
        for (Entry e : entries) merged.merge(e.id(), e, EntryMerger::merge);
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        Map<String, byte[]> paper = new HashMap<>();
        Map<String, List<String>> tags = new HashMap<>();
        for (Entry e : merged.values()) {
            Paper p = Paper.of(e, 0L).withTags(tagger.tag(e.title(), e.abstractText()));
            paper.put(e.id(), Json.write(p).getBytes(StandardCharsets.UTF_8));
            tags.put(e.id(), p.tagNames());
        }
        List<Sighting> out = new ArrayList<>(entries.size());
        for (Entry e : entries) out.add(new Sighting(e.source(), e.id(), paper.get(e.id()), tags.get(e.id())));
        return out;
    }

    /** input (keyed by page) -> page store -> repartition by id -> papers store -> papers + by-tag deltas. */
    static Topology processorTopology(PapersConfig cfg, Shape shape) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAGE_STORE), Serdes.String(), Serdes.ByteArray()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAPERS_STORE), Serdes.String(), Serdes.ByteArray()));
        var out = b.stream(cfg.rawTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("floor-read"))
                .process(PageStep::new, Named.as("floor-page"), PAGE_STORE)
                .repartition(Repartitioned.<String, byte[]>as("floor-by-id").withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                .process(() -> new PaperStep(shape.byTag()), Named.as("floor-paper"), PAPERS_STORE)
                // A tag key is tag + '\0' + id; a paper id never holds '\0'.
                .split(Named.as("floor-"))
                .branch((k, v) -> k.indexOf('\0') >= 0, Branched.as("by-tag"))
                .defaultBranch(Branched.as("papers"));
        out.get("floor-papers").to(cfg.papersTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("floor-write-papers"));
        out.get("floor-by-tag").to(cfg.byTagTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("floor-write-by-tag"));
        return b.build();
    }

    /** The sink's part: {@code papers} materialized into a store, no search index. */
    static Topology sinkTopology(PapersConfig cfg) {
        StreamsBuilder b = new StreamsBuilder();
        b.table(cfg.papersTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[]>as(Stores.persistentKeyValueStore(SINK_STORE)).withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        return b.build();
    }

    static Properties streamsProps(PapersConfig cfg, String appId, Path stateDir, Map<String, String> overrides, Shape shape) {
        Properties p = cfg.baseClientProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        StreamsDefaults.apply(p);
        p.putAll(overrides);
        if (!shape.exactlyOnce()) {
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            // at-least-once commits every 30 s by default; the run ends on committed offsets, so commit as exactly-once does
            p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        }
        return p;
    }

    /**
     * Sends the sightings (keyed by page, as the ingest keys chunks) and runs both topologies until the processor has
     * consumed its input and repartition topic and the sink has read all of {@code papers}; returns the seconds.
     */
    static double run(PapersConfig cfg, String prefix, List<Sighting> sightings, Path stateDir, Map<String, String> overrides,
                      Shape shape, java.util.function.BiPredicate<String, String> caughtUp) throws Exception {
        String procId = prefix + "floor-processor", sinkId = prefix + "floor-sink";
        try (KafkaStreams proc = new KafkaStreams(processorTopology(cfg, shape), streamsProps(cfg, procId, stateDir.resolve("p"), overrides, shape));
             KafkaStreams sink = new KafkaStreams(sinkTopology(cfg), streamsProps(cfg, sinkId, stateDir.resolve("s"), overrides, shape))) {
            proc.start();
            sink.start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (proc.state() != KafkaStreams.State.RUNNING || sink.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("floor topologies not running after 120 s");
                Thread.sleep(20);
            }
            Properties pp = cfg.baseClientProperties();
            pp.put("acks", "all");
            pp.put("linger.ms", "5");
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
                for (Sighting s : sightings) {
                    ProducerRecord<String, byte[]> r = new ProducerRecord<>(cfg.rawTopic(), s.source(), s.paper());
                    r.headers().add(ID, s.id().getBytes(StandardCharsets.UTF_8)).add(TAGS, String.join("\n", s.tags()).getBytes(StandardCharsets.UTF_8));
                    producer.send(r);
                }
            }
            while (!(caughtUp.test(cfg.rawTopic(), procId) && caughtUp.test(cfg.papersTopic(), sinkId))) {
                if (proc.state().hasCompletedShutdown() || sink.state().hasCompletedShutdown()) throw new IllegalStateException("floor topology stopped");
                Thread.sleep(50);
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** The page's state is written once per input record, as the reassembler writes a page's parser state per chunk. */
    static final class PageStep implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> ctx;
        private KeyValueStore<String, byte[]> pages;
        private final byte[] state = new byte[256];

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            ctx = context;
            pages = context.getStateStore(PAGE_STORE);
        }

        @Override
        public void process(Record<String, byte[]> r) {
            pages.put(r.key(), state);
            ctx.forward(r.withKey(header(r.headers(), ID)));
        }
    }

    /** The paper is stored and sent on with the real record sizes; its tags go out as deltas on first sight only. */
    static final class PaperStep implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> ctx;
        private KeyValueStore<String, byte[]> papers;
        private final boolean byTag;

        PaperStep(boolean byTag) {
            this.byTag = byTag;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            ctx = context;
            papers = context.getStateStore(PAPERS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> r) {
            boolean first = papers.get(r.key()) == null;
            papers.put(r.key(), r.value());
            ctx.forward(r.withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()));
            if (first && byTag) {
                String tags = header(r.headers(), TAGS);
                byte[] id = r.key().getBytes(StandardCharsets.UTF_8);
                if (!tags.isEmpty()) for (String t : tags.split("\n")) ctx.forward(new Record<>(Topics.tagKey(t, r.key()), id, r.timestamp()));
            }
        }
    }

    static String header(Headers h, String name) {
        var x = h.lastHeader(name);
        return x == null ? "" : new String(x.value(), StandardCharsets.UTF_8);
    }
}
