package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.ids;
import static dev.papers.sink.TestData.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SinkServiceTest {
    EmbeddedKafkaBroker broker;
    PapersConfig cfg;
    SinkService sink;
    String base;
    String appId;

    static final List<Paper> PAPERS = List.of(
            paper("p01", "Scaling Language Models", "We scale a transformer model to many tokens.", 50, "2024-01-03", "s1", 2, "llm", "scaling", "kw:language model"),
            paper("p02", "Vision Language Model for Robots", "A model that sees and acts.", 40, "2024-01-02", "s1", 0, "llm", "vision", "robotics"),
            TestData.withArxivId(paper("p03", "Diffusion Beats GANs", "Image synthesis with diffusion.", 30, "2024-01-05", "s2", 1, "vision", "generative"), "2105.05233"),
            paper("p04", "Reinforcement Learning from Feedback", "Agents learn rewards.", 30, "2024-01-01", "s2", 0, "rl", "llm"),
            paper("p05", "Multimodal Instruction Tuning", "Images and text together.", 20, "2024-01-04", "s3", 0, "llm", "vision", "gone"),
            paper("p06", "Graph Neural Networks at Scale", "Message passing on big graphs.", 10, "2024-01-06", "s3", 0, "graphs", "scaling", "gone"),
            TestData.withArxivId(paper("p07", "Protein Folding Revisited", "Biology meets deep learning.", 5, "2024-01-07", "s1", 0, "biology"), "2105.05233"),
            paper("p08", "Efficient Attention Kernels", "Faster GPUs for attention.", 60, "2024-01-08", "s2", 3, "systems", "llm"),
            paper("p09", "Robot Manipulation Benchmarks", "A benchmark for grasping.", 15, "2024-01-09", "s4", 0, "robotics", "vision"),
            TestData.withArxivId(paper("p10", "Speech Recognition Without Labels", "Self-supervised audio.", 25, "2024-01-10", "s4", 0, "audio"), "2006.11477"));

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("single-" + suffix + "-");
        appId = "sink-test-" + suffix;
        sink = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state"),
                Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0")));
        base = sink.baseUrl();
        TestData.publish(cfg, PAPERS);
        TestData.reject(cfg, "s1", 7);
        TestData.reject(cfg, "s2", 9);
        TestData.awaitCatalogue(base, PAPERS, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode stats = get(base, "/stats").json();
            assertThat(stats.path("papers").asLong()).isEqualTo(PAPERS.size());
            assertThat(stats.path("rejects").asLong()).isEqualTo(2);
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (sink != null) {
            sink.close();
            sink.close(); // idempotent
        }
        if (broker != null) broker.close();
    }

    @Test
    void healthAndReadiness() {
        assertThat(get(base, "/health/live").status()).isEqualTo(200);
        assertThat(get(base, "/health/ready").status()).isEqualTo(200);
        assertThat(sink.ready()).isTrue();
        assertThat(sink.live()).isTrue();
    }

    @Test
    void paperById() {
        TestData.Resp r = get(base, "/papers/p03");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("title").asText()).isEqualTo("Diffusion Beats GANs");
        assertThat(r.json().path("abstract").asText()).contains("diffusion");
    }

    @Test
    void unknownIdIs404Json() {
        TestData.Resp r = get(base, "/papers/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").asText()).contains("nope");
        assertThat(get(base, "/papers/nope/similar").status()).isEqualTo(404);
        TestData.Resp route = get(base, "/no/such/route");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().path("error").asText()).contains("/no/such/route");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "/papers?limit=abc          | limit",
            "/papers?limit=1000         | limit",
            "/papers?limit=501          | limit",
            "/papers?limit=0            | limit",
            "/papers?limit=-1           | limit",
            "/papers?limit=1.5          | limit",
            "/papers?sort=color         | sort",
            "/papers?order=sideways     | order",
            "/papers?cursor=%21%21      | cursor",
            "/papers?cursor=bzox        | cursor",
            "/papers?cursor=e30         | cursor",
            "/papers?tag=               | tag",
            "/tags/llm?limit=-5         | limit",
            "/tags/llm?sort=rank        | sort",
            "/tags/llm?order=up         | order",
            "/tags/llm?cursor=xyz       | cursor",
            "/papers/p01/similar?limit=0   | limit",
            "/papers/p01/similar?limit=501 | limit",
            "/tags?kw=maybe             | kw"})
    void badParametersAre400NamingTheParameter(String path, String param) {
        TestData.Resp r = get(base, path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.json().path("error").asText()).as(path).contains("'" + param + "'");
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String titleCursor = get(base, "/papers?sort=title&limit=2").json().path("nextCursor").asText();
        assertThat(titleCursor).isNotEmpty();
        assertThat(get(base, "/papers?sort=title&limit=2&cursor=" + titleCursor).status()).isEqualTo(200);
        TestData.Resp r = get(base, "/papers?sort=upvotes&limit=2&cursor=" + titleCursor);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).contains("'cursor'").contains("sort=title");
        assertThat(get(base, "/papers?sort=title&order=desc&limit=2&cursor=" + titleCursor).status()).isEqualTo(400);
    }

    /** Every sort and order: walking the cursors returns each paper exactly once, in the documented order. */
    @ParameterizedTest(name = "sort={0} order={1} tag={2}")
    @CsvSource({"upvotes,,", "upvotes,asc,", "upvotes,desc,", "published,,", "published,asc,", "published,desc,",
            "title,,", "title,asc,", "title,desc,", "upvotes,desc,llm", "title,asc,vision", "published,desc,llm"})
    void pagingWalksEverySortExactlyOnce(String sort, String order, String tag) {
        boolean asc = order == null ? sort.equals("title") : order.equals("asc");
        List<Paper> matching = PAPERS.stream().filter(p -> tag == null || p.tagNames().contains(tag)).toList();
        List<String> expected = matching.stream().sorted(expectedOrder(sort, asc)).map(Paper::id).toList();
        String query = "/papers?limit=3&sort=" + sort + (order == null ? "" : "&order=" + order) + (tag == null ? "" : "&tag=" + tag);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestData.Resp r = get(base, query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("total").asInt()).isEqualTo(matching.size());
            seen.addAll(ids(r.json().path("items")));
            cursor = r.json().path("nextCursor").isNull() ? null : r.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isEqualTo((matching.size() + 2) / 3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    static Comparator<Paper> expectedOrder(String sort, boolean asc) {
        Comparator<Paper> byKey = switch (sort) {
            case "upvotes" -> Comparator.comparingInt(Paper::upvotes);
            case "published" -> Comparator.comparing(Paper::published);
            default -> Comparator.comparing(p -> p.title().toLowerCase(Locale.ROOT));
        };
        return (asc ? byKey : byKey.reversed()).thenComparing(Paper::id);
    }

    @Test
    void paginationReturnsEveryPaperExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestData.Resp r = get(base, "/papers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.path("total").asInt()).isEqualTo(PAPERS.size());
            assertThat(page.path("items").size()).isLessThanOrEqualTo(3);
            seen.addAll(ids(page.path("items")));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(PAPERS.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(PAPERS.stream().map(Paper::id).toList());
        // default sort: upvotes desc, id as tie-breaker (p03 and p04 both have 30)
        assertThat(seen.subList(0, 3)).containsExactly("p08", "p01", "p02");
        assertThat(seen.subList(3, 5)).containsExactly("p03", "p04");
    }

    @Test
    void sortByTitleAndPublished() {
        JsonNode byTitle = get(base, "/papers?sort=title&limit=500").json();
        List<String> titles = new ArrayList<>();
        byTitle.path("items").forEach(n -> titles.add(n.path("title").asText().toLowerCase()));
        assertThat(titles).isSorted();
        JsonNode byDate = get(base, "/papers?sort=published&order=asc&limit=2").json();
        assertThat(ids(byDate.path("items"))).containsExactly("p04", "p02");
    }

    @Test
    void tagFilterIsAnd() {
        JsonNode page = get(base, "/papers?tag=llm&tag=vision").json();
        assertThat(ids(page.path("items"))).containsExactlyInAnyOrder("p02", "p05");
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(ids(get(base, "/tags/robotics").json().path("items"))).containsExactlyInAnyOrder("p02", "p09");
        assertThat(get(base, "/papers?tag=nosuchtag").json().path("total").asInt()).isZero();
    }

    @Test
    void textSearchIsStemmed() {
        JsonNode page = get(base, "/papers?q=models&limit=500").json();
        assertThat(ids(page.path("items"))).containsExactlyInAnyOrder("p01", "p02");
        JsonNode combined = get(base, "/papers?q=robots&tag=vision").json();
        assertThat(ids(combined.path("items"))).containsExactlyInAnyOrder("p02", "p09");
    }

    @Test
    void tagsAreCountedAndKeyphrasesHidden() {
        JsonNode tags = get(base, "/tags").json();
        List<String> names = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        tags.forEach(n -> {
            names.add(n.path("tag").asText());
            counts.add(n.path("count").asLong());
        });
        assertThat(names.get(0)).isEqualTo("llm");
        assertThat(counts.get(0)).isEqualTo(5);
        assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(names).doesNotContain("kw:language model").contains("vision", "audio");
        JsonNode withKw = get(base, "/tags?kw=true").json();
        Set<String> all = new HashSet<>();
        withKw.forEach(n -> all.add(n.path("tag").asText()));
        assertThat(all).contains("kw:language model");
    }

    @Test
    void similarRanksBySharedTagsAndExcludesItself() {
        JsonNode sim = get(base, "/papers/p05/similar?limit=3").json().path("items");
        List<String> ids = new ArrayList<>();
        sim.forEach(n -> ids.add(n.path("paper").path("id").asText()));
        assertThat(ids).doesNotContain("p05").hasSize(3);
        assertThat(ids.get(0)).isEqualTo("p02"); // shares llm + vision
        assertThat(sim.get(0).path("shared").asInt()).isEqualTo(2);
    }

    /** The tables are copies of compacted topics: their changelog is the topic itself, nothing is produced twice. */
    @Test
    void tablesReuseTheirSourceTopicsAsChangelogs() throws Exception {
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            Set<String> mine = admin.listTopics().names().get().stream().filter(t -> t.startsWith(appId + "-")).collect(Collectors.toSet());
            assertThat(mine).contains(appId + "-" + SinkTopology.REJECTS_STORE + "-changelog"); // changelogs do show here
            assertThat(mine).doesNotContain(appId + "-" + SinkTopology.PAPERS_STORE + "-changelog");
            assertThat(mine).noneMatch(t -> t.contains("by-tag")); // the by-tag topic is not materialized here at all
        }
    }

    @Test
    void statsSummariseTheCatalogue() {
        JsonNode stats = get(base, "/stats").json();
        assertThat(stats.path("papers").asLong()).isEqualTo(10);
        assertThat(stats.path("duplicatesMerged").asLong()).isEqualTo(6);
        assertThat(stats.path("rejects").asLong()).isEqualTo(2);
        assertThat(stats.path("sources").asInt()).isEqualTo(4);
        assertThat(stats.path("stores").path("papers-store").isNumber()).isTrue();
        assertThat(stats.path("stores").path("search-index").asLong()).isEqualTo(10);
        assertThat(stats.path("instances").asInt()).isEqualTo(1);
        // p03 and p07 were listed with one arXiv id (re-keyed through the sink's repartition topic, so awaited)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode s = get(base, "/stats").json();
            assertThat(s.path("arxivIdsOnTwoTitles").asLong()).isEqualTo(1);
            JsonNode sample = s.path("arxivIdsOnTwoTitlesSample");
            assertThat(sample.size()).isEqualTo(1);
            assertThat(sample.get(0).path("arxivId").asText()).isEqualTo("2105.05233");
            assertThat(sample.get(0).path("ids").toString()).isEqualTo("[\"p03\",\"p07\"]");
        });
        // lag of the main consumer, from its metrics: known and zero once everything is read
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(base, "/stats").json().path("consumerLag").path(cfg.papersTopic()).isIntegralNumber()).isTrue());
        assertThat(get(base, "/stats").json().path("consumerLag").path(cfg.papersTopic()).asLong()).isZero();
    }

    /**
     * The controlled "not queryable" states: HTTP up before Kafka Streams is attached (the start-up window of
     * {@link SinkService#start}), then a Kafka Streams instance that exists but is not RUNNING. Every query answers
     * 503 with Retry-After and a JSON error, never a 500; bad parameters are still 400.
     */
    @Test
    void notQueryableIs503WithRetryAfter(@TempDir Path tmp) {
        Properties p = cfg.baseClientProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-not-running-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpApi api = new HttpApi(registry);
        InternalApi internal = new InternalApi();
        try (SearchIndex search = SearchIndex.inMemory();
             KafkaStreams streams = new KafkaStreams(SinkTopology.build(cfg, search), p);
             PeerClient peers = new PeerClient(Duration.ofSeconds(5), 4)) {
            int port = api.start("127.0.0.1", 0);
            String url = "http://127.0.0.1:" + port;
            String internalUrl = "http://127.0.0.1:" + internal.start("127.0.0.1", 0);
            assertNotReady(url, "/papers");
            assertNotReady(internalUrl, "/internal/stats");
            assertThat(get(url, "/health/live").status()).isEqualTo(200);

            QueryService query = new QueryService(streams, new HostInfo("127.0.0.1", port), new PaperStoreReader(streams, cfg, search), peers);
            api.attach(query, new HttpApi.Health() {
                @Override public boolean live() { return true; }
                @Override public boolean ready() { return false; }
                @Override public String state() { return streams.state().name(); }
            });
            internal.attach(query);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
            for (String path : List.of("/papers", "/papers?tag=llm&q=model&sort=title", "/papers/p01", "/papers/p01/similar",
                    "/tags", "/tags/llm", "/stats", "/health/ready")) {
                assertNotReady(url, path);
            }
            for (String path : List.of("/internal/paper?id=p01", "/internal/similar?id=p01&tag=llm", "/internal/tag-counts", "/internal/stats")) {
                assertNotReady(internalUrl, path);
            }
            assertThat(get(url, "/health/ready").json().path("streams").asText()).isEqualTo("CREATED");
            assertThat(get(url, "/papers?limit=0").status()).isEqualTo(400);
            assertThat(get(url, "/papers?cursor=zz").status()).isEqualTo(400);
        } finally {
            api.stop();
            internal.stop();
            registry.close();
        }
    }

    private static void assertNotReady(String url, String path) {
        TestData.Resp r = get(url, path);
        assertThat(r.status()).as(path).isEqualTo(503);
        assertThat(r.raw().headers().firstValue("Retry-After")).as(path).hasValue("1");
        JsonNode body = r.json();
        assertThat(body.path("error").asText(body.path("status").asText())).as(path).containsIgnoringCase("not").doesNotContain("Exception\n\tat");
    }

    /** Tag lists follow each paper's own tags (the processor re-publishes the paper and tombstones its by-tag entry). */
    @Test
    void aPaperThatLosesATagLeavesItsList() throws Exception {
        assertThat(ids(get(base, "/tags/gone").json().path("items"))).containsExactlyInAnyOrder("p05", "p06");
        TestData.publish(cfg, List.of(paper("p05", "Multimodal Instruction Tuning", "Images and text together.", 20,
                "2024-01-04", "s3", 0, "llm", "vision")));
        TestData.tombstoneTag(cfg, "gone", "p05");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(get(base, "/papers?tag=gone").json().path("items"))).containsExactly("p06"));
        assertThat(ids(get(base, "/tags/gone").json().path("items"))).containsExactly("p06");
    }

    @Test
    void metricsAndIndexPage() {
        get(base, "/papers/p01");
        TestData.Resp m = get(base, "/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("sink_http_requests").contains("kafka_stream");
        TestData.Resp index = get(base, "/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw().headers().firstValue("Content-Type").orElse("")).contains("text/html");
        // Self-contained: nothing loaded from elsewhere (links out to Hugging Face and arXiv are only anchors).
        assertThat(index.body()).contains("<script>").doesNotContain("http://", "src=\"http", "<link", "@import", "url(http");
        assertThat(index.body().replaceAll("<a href=\"https://(huggingface\\.co/papers|arxiv\\.org/abs)/[^\"]*\">", ""))
                .as("https only in anchors to Hugging Face and arXiv").doesNotContain("https://");
    }
}
