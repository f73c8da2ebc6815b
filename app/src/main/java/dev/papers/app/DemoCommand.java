package dev.papers.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import dev.papers.common.TopicSetup;
import dev.papers.parse.ListingParser;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline in one command: embedded Kafka broker (KRaft), processor, sink, and the",
                "bundled sample pages ingested. Prints the catalogue size, top tags and the HTTP URL; serves until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--pages", description = "Folder of listing pages to ingest (default: the bundled demo-data).")
    Path pages;

    @Option(names = "--data-dir", defaultValue = "data/demo", description = "Where the demo keeps broker and state data; wiped at start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "Sink HTTP port, 0 = free (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--chunk-bytes", defaultValue = "4096", description = "Chunk size used to ingest the pages (default: ${DEFAULT-VALUE}).")
    int chunkBytes;

    @Option(names = "--exit", description = "Stop after printing the summary instead of serving until Ctrl-C.")
    boolean exitAfter;

    @Override
    public Integer call() throws Exception {
        boolean ownBroker = !spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers");
        Path pageDir = pages != null ? pages : defaultPages();
        List<Path> files = listPages(pageDir);
        int expected = countUnique(files);
        deleteRecursively(dataDir);

        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = null;
        String bootstrap = kafka.bootstrapServers;
        if (ownBroker) {
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
            bootstrap = broker.bootstrapServers();
            System.out.println("embedded Kafka broker (KRaft) at " + bootstrap);
        }
        PapersConfig cfg = kafka.config(bootstrap);
        String run = ownBroker ? "" : "-" + Long.toHexString(System.currentTimeMillis());
        TopicSetup.ensureTopics(cfg, 3, (short) 1);
        ProcessorService processor = ProcessorService.start(cfg, ProcessorOptions.defaults()
                .withApplicationId("papers-demo-processor" + run).withStateDir(dataDir.resolve("processor-state"))
                .withOverrides(Map.of("commit.interval.ms", "100")));
        SinkService sink = SinkService.start(cfg, new SinkOptions("papers-demo-sink" + run, "127.0.0.1", httpPort,
                dataDir.resolve("sink-state"), Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0")));
        final EmbeddedKafkaBroker b = broker;
        Runnable stopAll = () -> {
            sink.close();
            processor.close();
            if (b != null) b.close();
        };
        try {
            IngestSummary s = IngestJob.run(cfg, Sources.discover(files.stream().map(Path::toString).toList()),
                    new IngestOptions(chunkBytes, System.console() != null));
            System.out.println(s.line());
            JsonNode stats = awaitPapers(sink.baseUrl(), expected, Duration.ofSeconds(120));
            System.out.printf("catalogue ready in %.1f s: %d unique papers from %d entries on %d pages (duplicates merged: %s)%n",
                    (System.nanoTime() - t0) / 1e9, stats.path("papers").asInt(), countEntries(files), files.size(),
                    stats.path("duplicatesMerged").asText("?"));
            JsonNode tags = Json.MAPPER.readTree(get(sink.baseUrl() + "/tags"));
            StringBuilder top = new StringBuilder("top tags:");
            for (int i = 0; i < Math.min(10, tags.size()); i++) {
                top.append(' ').append(tags.get(i).path("tag").asText()).append('(').append(tags.get(i).path("count").asInt()).append(')');
            }
            System.out.println(top);
            System.out.println("HTTP API and web page: " + sink.baseUrl() + "/   e.g. " + sink.baseUrl() + "/papers?q=retrieval&limit=5");
        } catch (Exception e) {
            stopAll.run();
            throw e;
        }
        if (exitAfter) {
            stopAll.run();
            return 0;
        }
        System.out.println("serving until Ctrl-C");
        Shutdown.awaitCtrlC(stopAll::run);
        return 0;
    }

    static Path defaultPages() {
        String home = System.getProperty("papers.home", ".");
        return Path.of(home, "demo-data");
    }

    static List<Path> listPages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no pages folder at " + dir.toAbsolutePath() + " (use --pages)");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    static int countUnique(List<Path> files) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path f : files) ListingParser.parseAll(f.getFileName().toString(), Files.readString(f)).entries().forEach(e -> ids.add(e.id()));
        return ids.size();
    }

    static int countEntries(List<Path> files) throws IOException {
        int n = 0;
        for (Path f : files) n += ListingParser.parseAll(f.getFileName().toString(), Files.readString(f)).entries().size();
        return n;
    }

    /**
     * Waits until the sink holds every expected paper. Large page folders take minutes, so the wait only gives up when
     * the catalogue stops growing for {@code stall} (a dead pipeline), and says how far it got every 10 s meanwhile.
     */
    private static JsonNode awaitPapers(String base, int expected, Duration stall) throws Exception {
        long now = System.nanoTime();
        long deadline = now + stall.toNanos();
        long nextNote = now + Duration.ofSeconds(10).toNanos();
        int seen = -1;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                // the list total comes from the search index (cheap); /stats reads every paper, so it is asked once, at the end
                last = Json.MAPPER.readTree(get(base + "/papers?limit=1"));
                int papers = last.path("total").asInt();
                if (papers >= expected) return Json.MAPPER.readTree(get(base + "/stats", Duration.ofMinutes(5)));
                if (papers > seen) {
                    seen = papers;
                    deadline = System.nanoTime() + stall.toNanos();
                }
            } catch (IOException e) {
                // not ready yet (503 while restoring)
            }
            if (System.nanoTime() > nextNote) {
                System.out.printf("catalogue: %d of %d papers so far%n", Math.max(seen, 0), expected);
                nextNote = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the catalogue stopped growing at " + (last == null ? "no answer from the sink"
                : last.path("total").asInt() + " papers") + " for " + stall.toSeconds() + " s; expected " + expected);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String get(String url) throws IOException, InterruptedException {
        return get(url, Duration.ofSeconds(5));
    }

    static String get(String url, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return r.body();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
