package dev.papers.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Entry;
import dev.papers.common.PapersConfig;
import dev.papers.common.TopicSetup;
import dev.papers.parse.ListingParser;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.Sources;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw-topic contract from a producer that is not ours: the real {@code kcat} binary publishes one seed page as
 * a single plain-text message and another as header-described chunks cut at arbitrary bytes; the sink must then hold
 * exactly the catalogue that {@code papers ingest} of the same two pages gives.
 */
@Timeout(240)
class KcatFeedTest {
    static final Path SEEDS = Path.of("..", "demo-data");
    static final String WHOLE = "000_d84dd5f55e8a7a8b.txt";
    static final String CHUNKED = "002_fe96d62a43a5071b.txt";
    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(kcatAvailable(), "kcat is not installed (Debian package kcat; the build's scripts/test-tools.sh "
                + "installs it when it can): skipping the kcat raw-topic contract test");
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    static boolean kcatAvailable() {
        try {
            return new ProcessBuilder("kcat", "-V").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static void kcat(String topic, String key, Path file, String... headers) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kcat", "-P", "-b", broker.bootstrapServers(), "-t", topic, "-k", key));
        for (String h : headers) cmd.addAll(List.of("-H", h));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kcat %s: %s", cmd, out).isZero();
    }

    @Test
    void pagesPublishedWithKcatGiveTheSameCatalogueAsPapersIngest() throws Exception {
        Path whole = SEEDS.resolve(WHOLE);
        Path chunked = SEEDS.resolve(CHUNKED);
        int unique = (int) java.util.stream.Stream.concat(
                ListingParser.parseAll(WHOLE, Files.readString(whole)).entries().stream(),
                ListingParser.parseAll(CHUNKED, Files.readString(chunked)).entries().stream()).map(Entry::id).distinct().count();

        Map<String, JsonNode> viaKcat = catalogue("kcat", unique, cfg -> {
            kcat(cfg.rawTopic(), WHOLE, whole);
            byte[] bytes = Files.readAllBytes(chunked);
            int size = 3001; // odd size: cuts fall inside lines, words and multi-byte sequences
            int n = (bytes.length + size - 1) / size;
            for (int s = 0; s < n; s++) {
                Path part = dir.resolve("part-" + s);
                Files.write(part, Arrays.copyOfRange(bytes, s * size, Math.min(bytes.length, (s + 1) * size)));
                kcat(cfg.rawTopic(), CHUNKED, part, "papers.source=" + CHUNKED, "papers.seq=" + s, "papers.last=" + (s == n - 1));
            }
        });
        Map<String, JsonNode> viaIngest = catalogue("ingest", unique, cfg ->
                IngestJob.run(cfg, Sources.discover(List.of(whole.toString(), chunked.toString())), new IngestOptions(4096, false)));

        assertThat(viaKcat).hasSize(unique);
        assertThat(viaKcat.keySet()).isEqualTo(viaIngest.keySet());
        for (String id : viaIngest.keySet()) assertThat(viaKcat.get(id)).as("paper %s", id).isEqualTo(viaIngest.get(id));
    }

    interface Feed {
        void run(PapersConfig cfg) throws Exception;
    }

    /** Runs a processor and a sink on fresh topics, feeds them, and returns the sink's catalogue without timestamps. */
    static Map<String, JsonNode> catalogue(String name, int unique, Feed feed) throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix(run + ".");
        TopicSetup.ensureTopics(cfg, 3, (short) 1);
        Map<String, String> fast = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0");
        try (ProcessorService processor = ProcessorService.start(cfg, ProcessorOptions.defaults()
                     .withApplicationId("proc-" + run).withStateDir(dir.resolve("proc-" + run)).withOverrides(fast));
             SinkService sink = SinkService.start(cfg, new SinkOptions("sink-" + run, "127.0.0.1", 0, dir.resolve("sink-" + run), fast))) {
            feed.run(cfg);
            String base = sink.baseUrl();
            await(name + ": sink holds " + unique + " papers").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> PipelineScenario.get(base + "/stats").path("papers").asInt() == unique);
            Map<String, JsonNode> out = new TreeMap<>();
            for (JsonNode p : PipelineScenario.get(base + "/papers?limit=500&sort=title").path("items")) {
                ObjectNode o = ((ObjectNode) p).deepCopy();
                o.remove(List.of("firstSeen", "lastSeen"));
                // sighting times are record timestamps too: the history is compared without them
                for (JsonNode h : o.path("history")) ((ObjectNode) h).remove("at");
                out.put(o.path("id").asText(), o);
            }
            return out;
        }
    }
}
