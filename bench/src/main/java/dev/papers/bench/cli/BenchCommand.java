package dev.papers.bench.cli;

import dev.papers.bench.scale.ScaleBench;
import dev.papers.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end benchmark on one broker and one generated corpus.",
                "Measures the ceiling (IngestJob's chunks through a plain producer -> consumer),",
                "the pipeline (ingest -> processor -> sink, each in a child JVM, until the last",
                "paper is queryable), their ratio, freshness under a paced load, peak RSS and",
                "heap of processor and sink, and HTTP query latencies. Exits 1 when the sink's",
                "catalogue differs from expected.json. Prints one line per figure, then",
                "ratio=X.XX."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--entries", defaultValue = "10000", description = "Entries in the corpus (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--dup-rate", defaultValue = "0.3", description = "Share of repeated entries (default: ${DEFAULT-VALUE}).")
    double dupRate;

    @Option(names = "--format", defaultValue = "mixed", description = "A, B or mixed (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--pages", description = "Page files (default: one per 100 entries).")
    int pages;

    @Option(names = "--seed", defaultValue = "1", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-b", "--bootstrap-servers"}, description = "Use this Kafka cluster instead of an embedded broker (topics get a unique bench-* prefix and are deleted afterwards).")
    String bootstrap;

    @Option(names = "--json", description = "Write all figures as JSON to this file.")
    Path json;

    @Option(names = "--work-dir", defaultValue = "data/bench", description = "Broker data, state, logs and generated corpora (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--corpus", description = "Corpus folder (reused when its expected.json matches, else generated; default: WORK_DIR/corpus-N-SEED).")
    Path corpus;

    @Option(names = "--fresh-seconds", defaultValue = "20", description = "Duration of the paced freshness load, 0 = skip (default: ${DEFAULT-VALUE}).")
    double freshSeconds;

    @Option(names = "--fresh-rate", defaultValue = "0", description = "Paced load in entries/s (default 0 = a quarter of the measured pipeline rate, 5..200).")
    double freshRate;

    @Option(names = "--query-concurrency", defaultValue = "200", description = "HTTP clients of the query phase (default: ${DEFAULT-VALUE}).")
    int queryConcurrency;

    @Option(names = "--query-seconds", defaultValue = "10", description = "Seconds per query kind (point, tag, search), 0 = skip (default: ${DEFAULT-VALUE}).")
    double querySeconds;

    @Option(names = "--child-jvm-opts", defaultValue = "-Xmx1g -XX:+UseG1GC", description = "JVM options of the processor and sink child JVMs (default: ${DEFAULT-VALUE}).")
    String childJvmOpts;

    @Option(names = "--child-streams-prop", paramLabel = "KEY=VALUE", description = "Kafka Streams property for both child JVMs (repeatable).")
    List<String> childStreamsProps = new java.util.ArrayList<>();

    @Option(names = {"--rocksdb-memory-mb", "--bounded-rocksdb-mb"}, paramLabel = "MB",
            description = "RocksDB memory shared by all stores of each child, memtables included (the services' default: 64); 0 = RocksDB's per-store defaults.")
    Integer boundedRocksDbMb;

    @Option(names = "--jfr", description = "Record a JFR profile (settings=profile) of the processor child into this file, of the sink into sink-FILE beside it.")
    Path jfr;

    @Option(names = "--timeout", defaultValue = "0", description = "Seconds to wait for the pipeline (default 0 = 600 + entries/100).")
    long timeout;

    @Option(names = "--keep", description = "Keep broker data and state stores afterwards.")
    boolean keep;

    @Option(names = "--restart", description = "After the pipeline: time a sink restart on its state dir (sink_restart_ready_s), "
            + "and one with its search index deleted, rebuilt from the stores (sink_restart_rebuild_ready_s).")
    boolean restart;

    @Option(names = "--floor-variants", description = "Also run the framework floor without its by-tag output "
            + "(floor_no_by_tag_*) and at-least-once (floor_at_least_once_*): what each part of the shape costs.")
    boolean floorVariants;

    @Override
    public Integer call() throws Exception {
        List<String> jvm = Arrays.stream(childJvmOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        ScaleBench.Options o = new ScaleBench.Options(entries, dupRate, format, pages, seed, bootstrap,
                workDir, corpus, 0, freshSeconds, freshRate, 5, queryConcurrency, querySeconds, jvm, jfr, timeout, keep, childStreamsProps);
        if (boundedRocksDbMb != null) o = o.withRocksDbMemoryMb(boundedRocksDbMb);
        ScaleBench.Result r = ScaleBench.run(o, System.out, restart, floorVariants);
        if (json != null) {
            if (json.toAbsolutePath().getParent() != null) Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r.toJson()) + "\n");
        }
        return r.correct() ? 0 : 1;
    }
}
