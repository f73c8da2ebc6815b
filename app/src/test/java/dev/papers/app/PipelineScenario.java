package dev.papers.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Entry;
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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end scenario, ingest → processor → sink asserted through the sink's HTTP API, written once and run
 * against each broker provider: the embedded KRaft broker ({@link EndToEndTest}) and, where Docker runs, a
 * container ({@link ContainerEndToEndTest}).
 */
@Timeout(240)
abstract class PipelineScenario {
    static final Path SEEDS = Path.of("..", "demo-data");
    @TempDir
    static Path dir;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** bootstrap.servers of the broker under test. */
    abstract String bootstrapServers();

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s -> %s", url, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void seedPagesFlowThroughTheWholePipeline() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(bootstrapServers()).withTopicPrefix("e2e-" + run + ".");
        List<Path> files;
        try (var s = Files.list(SEEDS)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        // Expected catalogue, computed from the pages here (not pasted).
        Map<String, Integer> pagesPerId = new HashMap<>();
        List<Entry> all = new ArrayList<>();
        for (Path f : files) {
            List<Entry> es = ListingParser.parseAll(f.getFileName().toString(), Files.readString(f)).entries();
            all.addAll(es);
            es.stream().map(Entry::id).distinct().forEach(id -> pagesPerId.merge(id, 1, Integer::sum));
        }
        int unique = pagesPerId.size();
        String twoPageId = pagesPerId.entrySet().stream().filter(e -> e.getValue() >= 2).findFirst().orElseThrow().getKey();

        TopicSetup.ensureTopics(cfg, 3, (short) 1);
        Map<String, String> fast = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0");
        try (ProcessorService processor = ProcessorService.start(cfg, ProcessorOptions.defaults()
                     .withApplicationId("e2e-proc-" + run).withStateDir(dir.resolve("proc-" + run)).withOverrides(fast));
             SinkService sink = SinkService.start(cfg, new SinkOptions("e2e-sink-" + run, "127.0.0.1", 0, dir.resolve("sink-" + run), fast))) {
            IngestSummary summary = IngestJob.run(cfg, Sources.discover(files.stream().map(Path::toString).toList()), new IngestOptions(200, false));
            assertThat(summary.pages()).isEqualTo(files.size());
            assertThat(summary.chunks()).isGreaterThan(2000); // 538 kB in 200-byte chunks: entries are cut across chunks

            String base = sink.baseUrl();
            await("sink holds all " + unique + " unique papers").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> get(base + "/stats").path("papers").asInt() == unique);

            // Every paper exactly once over pagination, each with at least one tag.
            Set<String> seen = new HashSet<>();
            String cursor = null;
            do {
                JsonNode page = get(base + "/papers?limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                assertThat(page.path("total").asInt()).isEqualTo(unique);
                for (JsonNode p : page.path("items")) {
                    assertThat(seen.add(p.path("id").asText())).as("paper listed twice: %s", p.path("id")).isTrue();
                    assertThat(p.path("tags").size()).as("tags of %s", p.path("title")).isPositive();
                }
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
            } while (cursor != null);
            assertThat(seen).hasSize(unique).isEqualTo(pagesPerId.keySet());

            // A title present in two pages appears once, with both sources.
            JsonNode dup = get(base + "/papers/" + twoPageId);
            assertThat(dup.path("sources").size()).isGreaterThanOrEqualTo(2);
            assertThat(dup.path("duplicates").asInt()).isPositive();

            // A known paper with its fields.
            Entry known = all.stream().filter(e -> e.title().startsWith("Domain-Specific Language Model Pretraining for Biomedical")).findFirst().orElseThrow();
            JsonNode k = get(base + "/papers/" + known.id());
            assertThat(k.path("title").asText()).isEqualTo(known.title());
            assertThat(k.path("abstract").asText()).startsWith("Pretraining large neural language models");
            assertThat(k.path("authors").asInt()).isEqualTo(9);
            assertThat(k.path("publishedText").asText()).isEqualTo("Jul 30, 2020");
            assertThat(k.path("published").asText()).isEqualTo("2020-07-30");
            assertThat(k.path("upvotes").asInt()).isEqualTo(1);
        }
    }
}
