package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.Sighting;
import dev.papers.common.Topics;
import dev.papers.parse.ListingParser;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PapersTopologyTest {
    static final Path SEEDS = Path.of("..", "demo-data");
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    TestOutputTopic<String, Paper> papers;
    TestOutputTopic<String, String> byTag;
    TestOutputTopic<String, Reject> rejects;
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        start(PapersTopology.DEFAULT_MAX_PAGE_CHARS);
    }

    void start(long maxPageChars) {
        if (driver != null) driver.close();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/papers-tt-" + UUID.randomUUID());
        p.putAll(PapersTopology.errorHandling(CFG));
        driver = new TopologyTestDriver(PapersTopology.buildTopology(CFG, TAGGER, maxPageChars), p);
        raw = driver.createInputTopic(CFG.rawTopic(), new StringSerializer(), new ByteArraySerializer());
        papers = driver.createOutputTopic(CFG.papersTopic(), new StringDeserializer(), Json.serde(Paper.class).deserializer());
        byTag = driver.createOutputTopic(CFG.byTagTopic(), new StringDeserializer(), new StringDeserializer());
        rejects = driver.createOutputTopic(CFG.rejectsTopic(), new StringDeserializer(), Json.serde(Reject.class).deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    static String page(String name) throws IOException {
        return Files.readString(SEEDS.resolve(name), StandardCharsets.UTF_8);
    }

    static List<String> seedNames() throws IOException {
        try (var s = Files.list(SEEDS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        }
    }

    /** Cuts by characters (never inside a surrogate pair), as small as the ingest can. */
    void send(String source, String text, int chunkChars) {
        String ingestId = UUID.randomUUID().toString();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = Math.min(text.length(), i + chunkChars);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end++;
            parts.add(text.substring(i, end));
            i = end;
        }
        if (parts.isEmpty()) parts.add("");
        for (int s = 0; s < parts.size(); s++) {
            clock = clock.plusMillis(1);
            Chunk c = new Chunk(source, ingestId, s, s == parts.size() - 1, parts.get(s));
            raw.pipeInput(source, Json.write(c).getBytes(StandardCharsets.UTF_8), clock);
        }
    }

    static Map<String, Paper> latest(List<KeyValue<String, Paper>> kvs) {
        Map<String, Paper> m = new HashMap<>();
        kvs.forEach(kv -> m.put(kv.key, kv.value));
        return m;
    }

    @Test
    void chunkedSeedPagesBecomeOneTaggedPaperPerDistinctTitle() throws IOException {
        Map<String, List<String>> expectedSources = new HashMap<>();
        int entries = 0;
        for (String n : seedNames()) {
            for (Entry e : ListingParser.parseAll(n, page(n)).entries()) {
                entries++;
                List<String> s = expectedSources.computeIfAbsent(e.id(), k -> new ArrayList<>());
                if (!s.contains(n)) s.add(n);
            }
            send(n, page(n), 200);
        }
        List<KeyValue<String, Paper>> out = papers.readKeyValuesToList();
        assertThat(out).hasSize(entries); // one emission per sighting: the counters change each time
        Map<String, Paper> cat = latest(out);
        assertThat(cat.keySet()).isEqualTo(expectedSources.keySet());
        assertThat(rejects.isEmpty()).isTrue();
        for (Paper p : cat.values()) {
            assertThat(p.sources()).isEqualTo(expectedSources.get(p.id()));
            assertThat(p.duplicates()).isEqualTo(expectedSources.get(p.id()).size() - 1);
            assertThat(p.tags()).isNotEmpty();
        }
        // The tag index holds exactly the (tag, id) pairs of the catalogue.
        Set<String> index = new LinkedHashSet<>();
        for (KeyValue<String, String> kv : byTag.readKeyValuesToList()) {
            if (kv.value == null) index.remove(kv.key);
            else index.add(kv.key);
        }
        Set<String> expectedIndex = new LinkedHashSet<>();
        cat.values().forEach(p -> p.tagNames().forEach(t -> expectedIndex.add(Topics.tagKey(t, p.id()))));
        assertThat(index).containsExactlyInAnyOrderElementsOf(expectedIndex);
    }

    @Test
    void duplicatesAcrossPagesMergeRichestFields() {
        String a = "Daily Papers\n\nMar 16\n\nTEMPLE:Temporal Reasoning for LLM Agents\n\nShort abstract about LLM agents and reasoning.\n\n";
        String b = "Daily Papers\n\nMar 17\n\nTemple: temporal reasoning for LLM agents\n\n"
                + "A much longer abstract about LLM agents and temporal reasoning with more words.\n\n  • 4 authors\n·\nJan 3, 2024 12\n";
        send("a.txt", a, 7);
        send("b.txt", b, 7);
        List<KeyValue<String, Paper>> out = papers.readKeyValuesToList();
        assertThat(out).hasSize(2);
        Paper merged = out.get(1).value;
        assertThat(out.get(0).key).isEqualTo(out.get(1).key);
        assertThat(merged.title()).isEqualTo("TEMPLE:Temporal Reasoning for LLM Agents");
        assertThat(merged.abstractText()).startsWith("A much longer abstract");
        assertThat(merged.authors()).isEqualTo(4);
        assertThat(merged.published()).isEqualTo("2024-01-03");
        assertThat(merged.upvotes()).isEqualTo(12);
        assertThat(merged.sources()).containsExactly("a.txt", "b.txt");
        assertThat(merged.duplicates()).isEqualTo(1);
        assertThat(merged.pageDate()).isEqualTo("Mar 16");
        assertThat(merged.lastSeen()).isGreaterThan(merged.firstSeen());
    }

    @Test
    void reIngestingAnUnchangedPageChangesOnlyLastSeenAndAddsNoHistoryPoint() throws IOException {
        String n = "000_d84dd5f55e8a7a8b.txt";
        send(n, page(n), 500);
        Map<String, Paper> first = latest(papers.readKeyValuesToList());
        byTag.readKeyValuesToList();
        send(n, page(n), 333);
        Map<String, Paper> second = latest(papers.readKeyValuesToList());
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (Paper p : second.values()) {
            Paper before = first.get(p.id());
            assertThat(p.duplicates()).as("a re-send is not a new sighting").isEqualTo(before.duplicates());
            assertThat(p.lastSeen()).isGreaterThan(before.lastSeen());
            Paper normalized = new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(),
                    p.organization(), p.publishedText(), p.published(), p.upvotes(), p.pageDate(), p.arxivId(), p.authorNames(),
                    p.comments(), p.sources(), p.tags(), p.firstSeen(), before.lastSeen(), before.duplicates(), p.history());
            assertThat(normalized).isEqualTo(before);
        }
        assertThat(byTag.isEmpty()).as("no tag index change on re-ingest").isTrue();
    }

    @Test
    void eachCaptureShowingNewUpvotesAddsAHistoryPoint() {
        String title = "Video-Holmes: Can MLLM Think Like Holmes";
        String abs = "A benchmark of suspense short films for complex video reasoning.";
        // the same page captured three times as its upvotes grow, once more unchanged, then another page
        for (int up : new int[] {3, 9, 9, 20}) send("daily.txt", "Daily Papers\n\nMar 16\n\n" + title + "\n\n" + abs + "\n\n  • 4 authors\n·\nJan 3, 2025 " + up + "\n", 40);
        send("trending.txt", "Daily Papers\n\nMar 18\n\n" + title + "\n\n" + abs + "\n\n  • 4 authors\n·\nJan 3, 2025 25\n", 40);
        List<KeyValue<String, Paper>> out = papers.readKeyValuesToList();
        assertThat(out).hasSize(5);
        Paper p = out.get(4).value;
        assertThat(p.history()).extracting(Sighting::upvotes).containsExactly(3, 9, 20, 25);
        assertThat(p.history()).extracting(Sighting::source).containsExactly("daily.txt", "daily.txt", "daily.txt", "trending.txt");
        assertThat(p.history()).extracting(Sighting::at).isSorted().doesNotHaveDuplicates();
        assertThat(p.history().get(3).at()).isEqualTo(p.lastSeen());
        assertThat(p.history().get(0).at()).isEqualTo(p.firstSeen());
        assertThat(p.upvotes()).isEqualTo(25);
    }

    @Test
    void malformedChunkIsRejectedAndTheNextPageStillArrives() throws IOException {
        raw.pipeInput("bad", "this is not json".getBytes(StandardCharsets.UTF_8), clock);
        raw.pipeInput("bad2", new byte[] {(byte) 0xff, 0, 1, 2}, clock);
        String n = "003_fd32bd25a03948be.txt";
        send(n, page(n), 1000);
        List<KeyValue<String, Reject>> rj = rejects.readKeyValuesToList();
        assertThat(rj).hasSize(2);
        // Plain text is a whole page by contract: this one holds a title without an abstract.
        assertThat(rj.get(0).key).isEqualTo("bad");
        assertThat(rj.get(0).value.line()).isEqualTo(1);
        assertThat(rj.get(1).key).isEqualTo("bad2");
        assertThat(rj.get(1).value.reason()).contains("not UTF-8");
        assertThat(latest(papers.readKeyValuesToList())).hasSize(ListingParser.parseAll(n, page(n)).entries().stream().map(Entry::id).distinct().toList().size());
    }

    @Test
    void missingChunkIsReportedNotWaitedOn() {
        String id = UUID.randomUUID().toString();
        String text = "Daily Papers\n\nT1\n\nAbstract one long enough.\n\nT2\n\nAbstract two long enough.\n";
        raw.pipeInput("p", Json.write(new Chunk("p", id, 0, false, text.substring(0, 30))).getBytes(StandardCharsets.UTF_8), clock);
        raw.pipeInput("p", Json.write(new Chunk("p", id, 2, true, text.substring(60))).getBytes(StandardCharsets.UTF_8), clock);
        assertThat(rejects.readValuesToList()).singleElement().satisfies(r -> assertThat(r.reason()).contains("chunks 1..1 missing"));
        // A fresh ingest of the same source afterwards works.
        send("p", text, 10);
        assertThat(latest(papers.readKeyValuesToList())).hasSize(2);
    }

    @Test
    void oversizedPageIsRejectedAndOthersPass() throws IOException {
        start(50_000);
        String big = "000_d84dd5f55e8a7a8b.txt"; // ~95 k characters
        send(big, page(big), 4096);
        send("small.txt", "Daily Papers\n\nSmall Title\n\nA small abstract that is fine.\n", 16);
        assertThat(rejects.readValuesToList()).anySatisfy(r -> {
            assertThat(r.source()).isEqualTo(big);
            assertThat(r.reason()).contains("page larger than 50000");
        });
        assertThat(latest(papers.readKeyValuesToList()).values()).extracting(Paper::title).contains("Small Title");
    }

    @Test
    void parseProblemsBecomeRejectsWithLineAndReason() {
        send("x.txt", "Daily Papers\n\nGood Title\n\nGood abstract text here.\n\nOrphan title at the end\n", 5);
        assertThat(rejects.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("x.txt");
            assertThat(r.line()).isEqualTo(7);
            assertThat(r.reason()).contains("title with no abstract");
            assertThat(r.sample()).isEqualTo("Orphan title at the end");
        });
        assertThat(papers.readValuesToList()).extracting(Paper::title).containsExactly("Good Title");
    }

    /** Every page form `papers ingest` picks from a folder arrives through the chunked path as the parser reads it whole. */
    @Test
    void everyPageFormArrivesChunkedAsParsedWhole() throws IOException {
        Path forms = Path.of("..", "parser", "src", "test", "resources", "forms");
        List<Path> files;
        try (var s = Files.walk(forms)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".expected.jsonl") && !f.toString().endsWith(".py"))
                    .sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString().replaceAll(".*\\.", ""))
                .contains("txt", "md", "html", "json");
        Map<String, String> expectedArxiv = new HashMap<>();
        int problems = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            String text = Files.readString(f, StandardCharsets.UTF_8);
            ListingParser.Result whole = ListingParser.parseAll(name, text);
            whole.entries().forEach(e -> {
                if (e.arxivId() != null) expectedArxiv.put(e.id(), e.arxivId());
                else expectedArxiv.putIfAbsent(e.id(), null);
            });
            problems += whole.problems().size();
            send(name, text, 777);
        }
        Map<String, Paper> cat = latest(papers.readKeyValuesToList());
        assertThat(cat.keySet()).isEqualTo(expectedArxiv.keySet());
        cat.values().forEach(p -> assertThat(p.arxivId()).as(p.id()).isEqualTo(expectedArxiv.get(p.id())));
        assertThat(expectedArxiv.values().stream().filter(a -> a != null).count()).isGreaterThan(50);
        // The hostile variants' problems are reported, one reject each, and lose none of the good entries above.
        assertThat(rejects.readValuesToList()).hasSize(problems);
        assertThat(problems).isPositive();
    }
}
