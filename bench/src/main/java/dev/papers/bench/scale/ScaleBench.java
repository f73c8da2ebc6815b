package dev.papers.bench.scale;

import dev.papers.common.streams.StreamsDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import dev.papers.common.TopicSetup;
import dev.papers.parse.ListingParser;
import dev.papers.ingest.Chunker;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import dev.papers.gen.GeneratedCorpus;
import dev.papers.gen.GeneratorOptions;
import dev.papers.gen.PageGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scale benchmark behind {@code papers bench}. On one broker and one generated corpus it measures:
 * <ol>
 *   <li><b>ceiling</b>: the corpus published exactly as {@link IngestJob} does (same chunks, record sizes and
 *       producer settings) to a plain topic and read back by a plain consumer: first send → last record consumed;</li>
 *   <li><b>pipeline</b>: the same corpus through {@link IngestJob} into the processor and sink, each in its own
 *       child JVM ({@link ChildMain}, exactly-once as configured by default): first send → the last paper
 *       queryable in the sink (the processor's consumer group has consumed everything and the sink serves the
 *       last record of every {@code papers} partition); then the sink's catalogue is checked against
 *       {@code expected.json} (unique papers, duplicates merged, no rejects) — a mismatch fails the run;</li>
 *   <li><b>freshness</b>: new papers published as small pages at a steady paced rate; publish → queryable over
 *       HTTP, per page;</li>
 *   <li><b>memory</b>: peak RSS (VmHWM) and heap of both children; live heap after a full GC;</li>
 *   <li><b>queries</b> (optional): {@link QueryBench} against the loaded sink.</li>
 * </ol>
 */
public final class ScaleBench {
    private static final double MB = 1e6;
    private static final boolean DEBUG = System.getenv("PAPERS_BENCH_DEBUG") != null;
    private static final double MIB = 1024.0 * 1024.0;

    public record Options(int entries, double dupRate, String format, int pages, long seed, String bootstrap,
                          Path workDir, Path corpusDir, int chunkBytes, double freshSeconds, double freshRate,
                          int freshPageEntries, int queryConcurrency, double querySeconds, List<String> childJvmOpts,
                          Path jfr, long timeoutSeconds, boolean keepData, List<String> childStreamsProps) {
        public Options {
            if (entries < 1) throw new IllegalArgumentException("entries must be >= 1");
            if (pages <= 0) pages = Math.max(1, (entries + 99) / 100);
            if (corpusDir == null) corpusDir = workDir.resolve("corpus-" + entries + "-" + seed);
            if (chunkBytes <= 0) chunkBytes = IngestOptions.DEFAULT_CHUNK_BYTES;
            if (freshPageEntries <= 0) freshPageEntries = 5;
            if (timeoutSeconds <= 0) timeoutSeconds = 600 + entries / 100;
            childJvmOpts = List.copyOf(childJvmOpts);
            childStreamsProps = childStreamsProps == null ? List.of() : List.copyOf(childStreamsProps);
        }

        /**
         * The shared RocksDB memory of each child in MiB (the services' {@link StreamsDefaults#ROCKSDB_MEMORY_MB},
         * default {@value StreamsDefaults#DEFAULT_ROCKSDB_MEMORY_MB}); 0 = RocksDB's per-store defaults.
         */
        public Options withRocksDbMemoryMb(int mb) {
            List<String> props = new ArrayList<>(childStreamsProps);
            props.add(StreamsDefaults.ROCKSDB_MEMORY_MB + "=" + mb);
            return new Options(entries, dupRate, format, pages, seed, bootstrap, workDir, corpusDir, chunkBytes, freshSeconds,
                    freshRate, freshPageEntries, queryConcurrency, querySeconds, childJvmOpts, jfr, timeoutSeconds, keepData, props);
        }
    }

    /** All figures (flat, in print order), the query results, and whether the catalogue was correct. */
    public record Result(Map<String, Object> figures, List<QueryBench.Result> queries, boolean correct, String failure) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>(figures);
            m.put("queries", queries.stream().map(QueryBench.Result::toMap).toList());
            m.put("correct", correct);
            if (failure != null) m.put("failure", failure);
            return m;
        }
    }

    private final Options o;
    private final PrintStream out;
    private final Map<String, Object> fig = new LinkedHashMap<>();
    private final boolean restart;
    private final boolean floorVariants;

    private ScaleBench(Options o, PrintStream out, boolean restart, boolean floorVariants) {
        this.o = o;
        this.out = out;
        this.restart = restart;
        this.floorVariants = floorVariants;
    }

    /**
     * @param restart also time a sink restart on its state dir, with its kept search index and with it rebuilt
     * @param floorVariants also run the floor without the by-tag output and at-least-once (what each part costs)
     */
    public static Result run(Options o, PrintStream out, boolean restart, boolean floorVariants) throws Exception {
        return new ScaleBench(o, out, restart, floorVariants).run();
    }

    private void put(String key, Object value) {
        if (value instanceof Double d) value = QueryBench.round(d);
        fig.put(key, value);
        out.println(key + "=" + value);
    }

    private void note(String s) {
        out.println("# " + s);
    }

    private Result run() throws Exception {
        put("date", Instant.now().toString());
        put("machine_cores", Runtime.getRuntime().availableProcessors());
        put("machine_mem_gib", QueryBench.round(memTotalKb() / 1024.0 / 1024.0));
        put("java", System.getProperty("java.version"));
        put("child_jvm_opts", String.join(" ", o.childJvmOpts()));
        put("child_streams_props", String.join(" ", o.childStreamsProps()));

        // ---------------------------------------------------------------- corpus
        GeneratedCorpus corpus = corpus();
        long bytes = 0;
        for (Path p : corpus.pages()) bytes += Files.size(p);
        put("entries", corpus.entries());
        put("unique", corpus.unique());
        put("pages", corpus.pages().size());
        put("corpus_mb", bytes / MB);

        Path broker = o.workDir().resolve("broker");
        Path state = o.workDir().resolve("state");
        deleteRecursively(broker);
        deleteRecursively(state);
        EmbeddedKafkaBroker kafka = null;
        String bootstrap = o.bootstrap();
        if (bootstrap == null) {
            kafka = EmbeddedKafkaBroker.start(broker, 0);
            bootstrap = kafka.bootstrapServers();
            note("embedded Kafka broker (KRaft) at " + bootstrap + ", data in " + broker);
        }
        String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        PapersConfig cfg = PapersConfig.defaults(bootstrap).withTopicPrefix(prefix);
        String ceilingTopic = prefix + "ceiling.raw";
        String processorId = prefix + "processor";
        String sinkId = prefix + "sink";
        List<ChildJvm> children = new ArrayList<>();
        List<QueryBench.Result> queries = new ArrayList<>();
        boolean correct = false;
        String failure = null;
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            TopicSetup.ensureTopics(cfg, 3, (short) 1);
            admin.createTopics(List.of(new NewTopic(ceilingTopic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);

            // ------------------------------------------------------------ ceiling
            double[] c0 = {CpuTime.self(), CpuTime.machineBusy()};
            double ceiling = ceiling(cfg, ceilingTopic, corpus);
            double[] c1 = {CpuTime.self(), CpuTime.machineBusy()};
            put("ceiling_seconds", ceiling);
            put("ceiling_entries_per_s", corpus.entries() / ceiling);
            put("ceiling_mb_per_s", bytes / MB / ceiling);
            put("ceiling_cpu_broker_clients_s", c1[0] - c0[0]);
            put("ceiling_cpu_other_processes_s", Math.max(0, c1[1] - c0[1] - (c1[0] - c0[0])));

            // ------------------------------------------------------------ children
            Path logs = o.workDir().resolve("logs");
            List<String> procOpts = new ArrayList<>(o.childJvmOpts());
            List<String> sinkOpts = new ArrayList<>(o.childJvmOpts());
            if (o.jfr() != null) {
                Path sinkJfr = o.jfr().toAbsolutePath().resolveSibling("sink-" + o.jfr().getFileName());
                procOpts.add("-XX:StartFlightRecording=filename=" + o.jfr().toAbsolutePath() + ",settings=profile,dumponexit=true");
                sinkOpts.add("-XX:StartFlightRecording=filename=" + sinkJfr + ",settings=profile,dumponexit=true");
                note("JFR recording of the processor child to " + o.jfr().toAbsolutePath() + ", of the sink child to " + sinkJfr);
            }
            List<String> procArgs = new ArrayList<>(List.of(bootstrap, prefix, processorId, state.resolve("processor").toAbsolutePath().toString()));
            procArgs.addAll(o.childStreamsProps());
            ChildJvm processor = ChildJvm.start("processor", procOpts, procArgs, logs.resolve("processor.log"));
            children.add(processor);
            List<String> sinkArgs = new ArrayList<>(List.of(bootstrap, prefix, sinkId, state.resolve("sink").toAbsolutePath().toString()));
            sinkArgs.addAll(o.childStreamsProps());
            ChildJvm sink = ChildJvm.start("sink", sinkOpts, sinkArgs, logs.resolve("sink.log"));
            children.add(sink);
            processor.awaitReady(180);
            String url = sink.awaitReady(180);
            note("processor pid " + processor.pid() + ", sink pid " + sink.pid() + " at " + url + ", logs in " + logs);

            // ------------------------------------------------------------ pipeline
            double[] cpu0 = {processor.cpuSeconds(), sink.cpuSeconds(), CpuTime.self(), CpuTime.machineBusy()};
            long t0 = System.nanoTime();
            IngestSummary s = IngestJob.run(cfg, Sources.discover(corpus.pages().stream().map(Path::toString).toList()),
                    new IngestOptions(o.chunkBytes(), false));
            long tPublished = System.nanoTime();
            long tDone = awaitCatalogue(admin, cfg, processorId, url, t0);
            double[] cpu1 = {processor.cpuSeconds(), sink.cpuSeconds(), CpuTime.self(), CpuTime.machineBusy()};
            double pipeline = (tDone - t0) / 1e9;
            put("ingest_publish_seconds", (tPublished - t0) / 1e9);
            put("ingest_chunks", s.chunks());
            put("pipeline_seconds", pipeline);
            put("pipeline_entries_per_s", corpus.entries() / pipeline);
            put("pipeline_papers_per_s", corpus.unique() / pipeline);
            put("pipeline_mb_per_s", bytes / MB / pipeline);

            // where the CPU went while the pipeline ran (2 cores = 2 CPU-seconds per second at most)
            double cpuProc = cpu1[0] - cpu0[0], cpuSink = cpu1[1] - cpu0[1], cpuSelf = cpu1[2] - cpu0[2];
            put("pipeline_cpu_processor_s", cpuProc);
            put("pipeline_cpu_sink_s", cpuSink);
            put("pipeline_cpu_broker_ingest_s", cpuSelf);
            put("pipeline_cpu_other_processes_s", Math.max(0, cpu1[3] - cpu0[3] - cpuProc - cpuSink - cpuSelf));
            put("pipeline_cpu_available_s", Runtime.getRuntime().availableProcessors() * pipeline);
            // the CPU goal is per entry, processor + sink + broker together
            put("pipeline_cpu_us_per_entry", (cpuProc + cpuSink + cpuSelf) * 1e6 / corpus.entries());

            JsonNode stats = getJson(url, "/stats");
            long papers = stats.path("papers").asLong();
            long dups = stats.path("duplicatesMerged").asLong();
            long rejects = stats.path("rejects").asLong();
            put("sink_unique", papers);
            put("sink_duplicates_merged", dups);
            put("sink_rejects", rejects);
            correct = papers == corpus.unique() && dups == corpus.duplicates() && rejects == 0;
            if (!correct) {
                failure = String.format(Locale.ROOT, "catalogue mismatch: sink has %d unique papers, %d duplicates merged, %d rejects;"
                        + " expected.json says %d unique, %d duplicates, 0 rejects", papers, dups, rejects, corpus.unique(),
                        corpus.duplicates());
            }
            put("correct", correct);
            memory("ingest", processor, sink);

            // ------------------------------------------------------------ freshness
            if (o.freshSeconds() > 0) {
                freshness(cfg, url, corpus, corpus.entries() / pipeline);
                memory("fresh", processor, sink);
            }

            // ------------------------------------------------------------ queries
            // The catalogue is verified by now: a failing query phase or memory probe is reported, never fatal.
            if (o.querySeconds() > 0) {
                try {
                    queries = QueryBench.run(new QueryBench.Options(url, o.queryConcurrency(), o.querySeconds(),
                            Math.min(3, o.querySeconds() / 2), List.of("point", "tag", "search"), o.seed()), out);
                    for (QueryBench.Result q : queries) {
                        put("query_" + q.kind() + "_per_s", q.throughput());
                        put("query_" + q.kind() + "_p50_ms", q.p50());
                        put("query_" + q.kind() + "_p99_ms", q.p99());
                        put("query_" + q.kind() + "_p999_ms", q.p999());
                        put("query_" + q.kind() + "_errors", q.errors());
                    }
                } catch (IOException | RuntimeException e) {
                    put("query_failure", String.valueOf(e));
                }
                memory("query", processor, sink);
            }
            try {
                put("processor_live_heap_mib", processor.liveHeapAfterGc() / MIB);
                put("sink_live_heap_mib", sink.liveHeapAfterGc() / MIB);
            } catch (IOException e) {
                put("live_heap_failure", String.valueOf(e));
            }
            put("processor_rss_after_gc_mib", processor.rssNow() / MIB);
            put("sink_rss_after_gc_mib", sink.rssNow() / MIB);
            fig.put("ratio", QueryBench.round(((Number) fig.get("pipeline_entries_per_s")).doubleValue()
                    / ((Number) fig.get("ceiling_entries_per_s")).doubleValue()));
            if (correct && restart) {
                children.remove(sink);
                sink.close(); // a clean stop: the sink keeps its search index
                restarts(sinkOpts, sinkArgs, logs, state.resolve("sink").resolve(sinkId + "-search"), children);
            }
            if (correct) floor(admin, bootstrap, prefix, corpus, state, children);
        } finally {
            for (int i = children.size() - 1; i >= 0; i--) children.get(i).close();
            if (kafka != null) kafka.close();
            else dropTopics(cfg, prefix);
            if (!o.keepData()) {
                deleteRecursively(broker);
                deleteRecursively(state);
                deleteRecursively(o.workDir().resolve("fresh"));
            }
        }
        if (failure != null) out.println("FAILED: " + failure);
        out.printf(Locale.ROOT, "ratio=%.2f%n", fig.get("ratio") instanceof Number r ? r.doubleValue() : Double.NaN);
        if (fig.get("floor_entries_per_s") instanceof Number f) {
            out.printf(Locale.ROOT, "floor=%.0f%n", f.doubleValue());
            out.printf(Locale.ROOT, "floor_ratio=%.2f%n", ((Number) fig.get("floor_ratio")).doubleValue());
        }
        return new Result(fig, queries, correct, failure);
    }

    /**
     * Seconds from starting a sink on the loaded state dir to a list and a search answered: once with the search
     * index the last run kept, once with it deleted (rebuilt from the stores, as every start did before it was kept).
     */
    private void restarts(List<String> jvm, List<String> args, Path logs, Path index, List<ChildJvm> children) throws Exception {
        put("sink_restart_ready_s", timeToServe(jvm, args, logs.resolve("sink-restart.log"), children));
        deleteRecursively(index);
        put("sink_restart_rebuild_ready_s", timeToServe(jvm, args, logs.resolve("sink-rebuild.log"), children));
    }

    private double timeToServe(List<String> jvm, List<String> args, Path log, List<ChildJvm> children) throws Exception {
        long t0 = System.nanoTime();
        ChildJvm sink = ChildJvm.start("sink", jvm, args, log);
        children.add(sink);
        try {
            String url = sink.awaitReady(300);
            try (MiniHttp http = MiniHttp.of(url, 30_000)) {
                for (String q : List.of("/papers?limit=20", "/papers?q=model&limit=20")) {
                    while (http.get(q).status() != 200) {
                        if (System.nanoTime() - t0 > 300_000_000_000L) throw new IOException("restarted sink does not answer " + q);
                        Thread.sleep(20);
                    }
                }
            }
            return QueryBench.round((System.nanoTime() - t0) / 1e9);
        } finally {
            children.remove(sink);
            sink.close();
        }
    }

    /**
     * The framework floor ({@link Floor}) on the same broker, on topics of its own, after the pipeline's services have
     * stopped (so they take no CPU from it): the same corpus, pre-parsed, passed through the same topology shape.
     */
    private void floor(Admin admin, String bootstrap, String prefix, GeneratedCorpus corpus, Path state, List<ChildJvm> children) throws Exception {
        for (int i = children.size() - 1; i >= 0; i--) children.get(i).close();
        children.clear();
        List<Floor.Sighting> sightings = Floor.prepare(corpus);
        List<Floor.Shape> shapes = floorVariants ? List.of(Floor.Shape.FULL, Floor.Shape.NO_BY_TAG, Floor.Shape.AT_LEAST_ONCE)
                : List.of(Floor.Shape.FULL);
        for (Floor.Shape shape : shapes) floor(admin, bootstrap, prefix, sightings, state, shape);
        fig.put("floor_ratio", QueryBench.round(((Number) fig.get("pipeline_entries_per_s")).doubleValue()
                / ((Number) fig.get("floor_entries_per_s")).doubleValue()));
    }

    /** One floor run on topics of its own; figures {@code <shape>_seconds}, {@code _entries_per_s}, {@code _cpu_…}. */
    private void floor(Admin admin, String bootstrap, String prefix, List<Floor.Sighting> sightings, Path state, Floor.Shape shape) throws Exception {
        String floorPrefix = prefix + shape.name().replace('_', '-') + "-";
        PapersConfig fcfg = PapersConfig.defaults(bootstrap).withTopicPrefix(floorPrefix);
        TopicSetup.ensureTopics(fcfg, 3, (short) 1);
        Map<String, String> overrides = ChildMain.keyValues(o.childStreamsProps());
        try (KafkaConsumer<byte[], byte[]> probe = probe(fcfg)) {
            double[] cpu0 = {CpuTime.self(), CpuTime.machineBusy()};
            double seconds = Floor.run(fcfg, floorPrefix, sightings, state.resolve(shape.name()), overrides, shape, (topic, group) -> {
                try {
                    return caughtUp(admin, probe, topic, group);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double[] cpu1 = {CpuTime.self(), CpuTime.machineBusy()};
            String f = shape.name();
            put(f + "_seconds", seconds);
            put(f + "_entries_per_s", sightings.size() / seconds);
            // the floor runs broker, processor and sink in this JVM: its CPU is the framework's whole cost per entry
            // (plus the topologies' start and stop, a few seconds)
            put(f + "_cpu_s", cpu1[0] - cpu0[0]);
            put(f + "_cpu_other_processes_s", Math.max(0, cpu1[1] - cpu0[1] - (cpu1[0] - cpu0[0])));
            put(f + "_cpu_us_per_entry", (cpu1[0] - cpu0[0]) * 1e6 / sightings.size());
        }
    }

    private GeneratedCorpus corpus() throws IOException {
        Path dir = o.corpusDir();
        if (Files.exists(dir.resolve(PageGenerator.EXPECTED_FILE))) {
            JsonNode e = Json.MAPPER.readTree(Files.readString(dir.resolve(PageGenerator.EXPECTED_FILE)));
            if (e.path("entries").asInt() == o.entries() && e.path("seed").asLong() == o.seed()
                    && Math.abs(e.path("dupRate").asDouble() - o.dupRate()) < 1e-9
                    && e.path("format").asText().equalsIgnoreCase(o.format()) && e.path("pages").asInt() == o.pages()) {
                GeneratedCorpus c = PageGenerator.read(dir);
                if (c.pages().size() == o.pages()) {
                    note("reusing the corpus in " + dir);
                    return c;
                }
            }
        }
        long t = System.nanoTime();
        GeneratedCorpus c = PageGenerator.generate(new GeneratorOptions(o.entries(), o.dupRate(), o.format(), o.pages(), o.seed()), dir);
        note(String.format(Locale.ROOT, "generated the corpus in %s in %.1f s", dir, (System.nanoTime() - t) / 1e9));
        return c;
    }

    // ---------------------------------------------------------------- ceiling

    /** IngestJob's publishing (same chunks, same producer settings) to a plain topic, read by a plain consumer. */
    private double ceiling(PapersConfig cfg, String topic, GeneratedCorpus corpus) throws Exception {
        AtomicLong consumed = new AtomicLong();
        AtomicLong sent = new AtomicLong(-1);
        AtomicLong doneAt = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Properties cp = cfg.baseClientProperties();
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> tps = List.of();
                while (tps.size() < 3 && !stop.get()) {
                    tps = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                    if (tps.size() < 3) Thread.sleep(50);
                }
                c.assign(tps);
                c.seekToBeginning(tps);
                while (!stop.get()) {
                    int got = c.poll(java.time.Duration.ofMillis(50)).count();
                    if (got > 0) firstAt.compareAndSet(0, System.nanoTime());
                    long n = consumed.addAndGet(got);
                    long total = sent.get();
                    if (total >= 0 && n >= total) {
                        doneAt.set(System.nanoTime());
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ceiling-consumer");
        consumer.start();
        Thread.sleep(500); // consumer assigned and fetching before the clock starts
        long t0 = System.nanoTime();
        long chunks = 0;
        try (KafkaProducer<String, Chunk> producer = new KafkaProducer<>(IngestJob.producerProperties(cfg),
                new StringSerializer(), Json.serde(Chunk.class).serializer())) {
            for (Path page : corpus.pages()) {
                String name = page.getFileName().toString();
                String text = IngestJob.decode(Files.readAllBytes(page));
                for (Chunk c : Chunker.chunk(name, UUID.randomUUID().toString(), text, o.chunkBytes())) {
                    producer.send(new ProducerRecord<>(topic, name, c));
                    chunks++;
                }
            }
            producer.flush();
        }
        long producerDone = System.nanoTime();
        sent.set(chunks);
        consumer.join(TimeUnit.SECONDS.toMillis(o.timeoutSeconds()));
        stop.set(true);
        if (doneAt.get() == 0) throw new IOException("ceiling consumer read " + consumed.get() + " of " + chunks + " records");
        put("ceiling_records", chunks);
        note(String.format(Locale.ROOT, "ceiling: producer done after %.2f s, first record consumed after %.2f s, last after %.2f s",
                (producerDone - t0) / 1e9, (firstAt.get() - t0) / 1e9, (doneAt.get() - t0) / 1e9));
        return (doneAt.get() - t0) / 1e9;
    }

    // ---------------------------------------------------------------- completion

    /**
     * Returns the time the last paper became queryable: the processor's group has consumed every input (raw and
     * repartition topics; only transaction markers may remain) and the sink serves, for every {@code papers}
     * partition, the last record written there (the sink applies each partition in order).
     */
    private long awaitCatalogue(Admin admin, PapersConfig cfg, String processorId, String url, long t0) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        long lastReport = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> probe = probe(cfg);
             MiniHttp http = MiniHttp.of(url, 30_000)) {
            while (System.nanoTime() < deadline) {
                if (caughtUp(admin, probe, cfg.rawTopic(), processorId)) {
                    Map<TopicPartition, JsonNode> last = lastRecords(probe, admin, cfg.papersTopic());
                    boolean all = true;
                    for (JsonNode rec : last.values()) {
                        MiniHttp.Response r = http.get("/papers/" + rec.path("id").asText());
                        if (r.status() != 200 || !sameVersion(rec, Json.MAPPER.readTree(r.body()))) {
                            all = false;
                            break;
                        }
                    }
                    if (all) {
                        long now = System.nanoTime();
                        // the processor may still have been emitting between the two checks: confirm
                        if (caughtUp(admin, probe, cfg.rawTopic(), processorId)
                                && lastRecords(probe, admin, cfg.papersTopic()).equals(last)) return now;
                    }
                }
                if (DEBUG) {
                    String papers;
                    try {
                        papers = Json.MAPPER.readTree(http.get("/stats").body()).path("papers").asText();
                    } catch (IOException | RuntimeException e) {
                        papers = "?";
                    }
                    note(String.format(Locale.ROOT, "t=%.1f s caughtUp=%s sinkPapers=%s", (System.nanoTime() - t0) / 1e9,
                            caughtUp(admin, probe, cfg.rawTopic(), processorId), papers));
                }
                if (System.nanoTime() - lastReport > 15_000_000_000L) {
                    lastReport = System.nanoTime();
                    note(String.format(Locale.ROOT, "waiting for the pipeline: %.0f s", (lastReport - t0) / 1e9));
                }
                Thread.sleep(DEBUG ? 1000 : 100);
            }
        }
        throw new IOException("pipeline not complete after " + o.timeoutSeconds() + " s");
    }

    private static boolean sameVersion(JsonNode topic, JsonNode http) {
        for (String f : List.of("id", "duplicates", "lastSeen", "upvotes", "tags")) {
            if (topic.has(f) && !topic.get(f).equals(http.get(f))) return false;
        }
        return true;
    }

    /** A read_committed consumer that never commits: reads what lies past a group's committed offsets. */
    private static KafkaConsumer<byte[], byte[]> probe(PapersConfig cfg) {
        Properties cp = cfg.baseClientProperties();
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean caughtUp(Admin admin, KafkaConsumer<byte[], byte[]> probe, String rawTopic, String groupId) throws Exception {
        Set<String> topics = new HashSet<>();
        topics.add(rawTopic);
        for (String t : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (t.startsWith(groupId + "-") && t.endsWith("-repartition")) topics.add(t);
        }
        Map<TopicPartition, OffsetSpec> want = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> want.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(want, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> end.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        List<TopicPartition> gaps = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long pos = c == null ? 0 : c.offset();
            if (pos < e.getValue()) gaps.add(e.getKey());
        }
        if (gaps.isEmpty()) return true;
        // What lies between the committed offset and the end may be transaction markers only: read to find out.
        probe.assign(gaps);
        for (TopicPartition tp : gaps) {
            OffsetAndMetadata c = committed.get(tp);
            probe.seek(tp, c == null ? 0 : c.offset());
        }
        if (!probe.poll(java.time.Duration.ofMillis(200)).isEmpty()) return false;
        for (TopicPartition tp : gaps) if (probe.position(tp) < end.get(tp)) return false;
        return true;
    }

    /** The last (committed, non-null) record of every non-empty partition of the topic, as JSON. */
    private static Map<TopicPartition, JsonNode> lastRecords(KafkaConsumer<byte[], byte[]> c, Admin admin, String topic) throws Exception {
        List<TopicPartition> tps = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(tps);
        Map<TopicPartition, Long> end = c.endOffsets(tps);
        Map<TopicPartition, JsonNode> last = new HashMap<>();
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition tp : tps) {
            long e = end.get(tp);
            if (e == 0) continue;
            c.seek(tp, Math.max(0, e - 50));
            open.add(tp);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(java.time.Duration.ofMillis(100))) {
                if (r.value() != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    last.put(new TopicPartition(r.topic(), r.partition()), Json.MAPPER.readTree(r.value()));
                }
            }
            open.removeIf(tp -> c.position(tp) >= end.get(tp));
        }
        return last;
    }

    // ---------------------------------------------------------------- freshness

    private void freshness(PapersConfig cfg, String url, GeneratedCorpus corpus, double pipelineRate) throws Exception {
        double rate = o.freshRate() > 0 ? o.freshRate() : Math.max(5, Math.min(200, Math.floor(pipelineRate * 0.25)));
        int per = o.freshPageEntries();
        int pagesCount = (int) Math.max(2, Math.round(rate * o.freshSeconds() / per));
        Path dir = o.workDir().resolve("fresh");
        GeneratedCorpus fresh = PageGenerator.generate(new GeneratorOptions(pagesCount * per, 0, "mixed", pagesCount, o.seed() + 1),
                dir, corpus.unique() + 1_000_000L);
        List<String> texts = new ArrayList<>();
        List<String> probeIds = new ArrayList<>();
        for (Path p : fresh.pages()) {
            String text = Files.readString(p);
            var entries = ListingParser.parseAll(p.getFileName().toString(), text).entries();
            texts.add(text);
            probeIds.add(entries.get(entries.size() - 1).id());
        }
        long intervalNanos = (long) (per / rate * 1e9);
        record Pending(String id, long publishedAt) {}
        ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong unseen = new AtomicLong();
        Thread prober = new Thread(() -> {
            List<Pending> pending = new ArrayList<>();
            try (MiniHttp http = MiniHttp.of(url, 30_000)) {
                long giveUp = Long.MAX_VALUE;
                while (true) {
                    for (Pending p; (p = queue.poll()) != null; ) pending.add(p);
                    if (!sending.get() && giveUp == Long.MAX_VALUE) giveUp = System.nanoTime() + 60_000_000_000L;
                    if (!sending.get() && pending.isEmpty() && queue.isEmpty()) return;
                    if (System.nanoTime() > giveUp) {
                        unseen.set(pending.size());
                        return;
                    }
                    boolean any = false;
                    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                        Pending p = it.next();
                        MiniHttp.Response r = http.get("/papers/" + p.id());
                        if (r.status() == 200) {
                            h.recordValue(Math.max(1, (System.nanoTime() - p.publishedAt()) / 1000));
                            it.remove();
                            any = true;
                        }
                    }
                    if (!any) Thread.sleep(2);
                }
            } catch (IOException e) {
                out.println("# freshness prober failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "freshness-prober");
        prober.start();
        try (KafkaProducer<String, Chunk> producer = new KafkaProducer<>(IngestJob.producerProperties(cfg),
                new StringSerializer(), Json.serde(Chunk.class).serializer())) {
            long t0 = System.nanoTime();
            for (int k = 0; k < texts.size(); k++) {
                long at = t0 + k * intervalNanos;
                long wait = at - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                String name = "fresh-" + fresh.pages().get(k).getFileName();
                long published = System.nanoTime();
                for (Chunk c : Chunker.chunk(name, UUID.randomUUID().toString(), texts.get(k), o.chunkBytes())) {
                    producer.send(new ProducerRecord<>(cfg.rawTopic(), name, c));
                }
                queue.add(new Pending(probeIds.get(k), published));
            }
            producer.flush();
        } finally {
            sending.set(false);
        }
        prober.join();
        put("fresh_rate_entries_per_s", rate);
        put("fresh_pages", texts.size());
        put("fresh_seen", h.getTotalCount());
        put("fresh_unseen", unseen.get());
        put("fresh_p50_ms", h.getValueAtPercentile(50) / 1000.0);
        put("fresh_p99_ms", h.getValueAtPercentile(99) / 1000.0);
        put("fresh_max_ms", h.getMaxValue() / 1000.0);
    }

    // ---------------------------------------------------------------- memory & helpers

    private void memory(String phase, ChildJvm processor, ChildJvm sink) {
        long p = processor.peakRss();
        long s = sink.peakRss();
        put(phase + "_processor_peak_rss_mib", p / MIB);
        put(phase + "_sink_peak_rss_mib", s / MIB);
        put(phase + "_total_peak_rss_mib", (p + s) / MIB);
        put(phase + "_processor_heap_used_max_mib", processor.heapUsedMax.get() / MIB);
        put(phase + "_sink_heap_used_max_mib", sink.heapUsedMax.get() / MIB);
        put(phase + "_processor_heap_committed_max_mib", processor.heapCommittedMax.get() / MIB);
        put(phase + "_sink_heap_committed_max_mib", sink.heapCommittedMax.get() / MIB);
    }

    private static JsonNode getJson(String url, String path) throws IOException {
        try (MiniHttp http = MiniHttp.of(url, 300_000)) {
            MiniHttp.Response r = http.get(path);
            if (r.status() != 200) throw new IOException("GET " + path + " answered " + r.status() + ": " + r.text());
            return Json.MAPPER.readTree(r.body());
        }
    }

    private static void dropTopics(PapersConfig cfg, String prefix) {
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            Set<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix)).collect(Collectors.toSet());
            if (!mine.isEmpty()) admin.deleteTopics(mine).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete the benchmark topics " + prefix + "*: " + e.getMessage());
        }
    }

    private static long memTotalKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().maxMemory() / 1024;
        }
        return -1;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
