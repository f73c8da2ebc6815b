package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #24's first case: a ~3 MB saved HTML page (the page's own {@code data-props} plus the inline scripts and
 * styles a browser's "Save page" keeps), sent in 64 KiB chunks. Its papers arrive, so do the pages after it, no
 * record the processor writes (changelogs, repartition, outputs) exceeds the 256 KiB bound, and the bytes written
 * to the changelogs grow linearly with the page (not with its square, as when the parser's state held the document).
 */
class BoundedStateTest {
    static final Path FORMS = Path.of("..", "parser", "src", "test", "resources", "forms");
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    static final int CHUNK = 64 * 1024;

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    String appId;
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        appId = "bounded-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/papers-tt-" + UUID.randomUUID());
        p.putAll(PapersTopology.errorHandling(CFG));
        driver = new TopologyTestDriver(PapersTopology.buildTopology(CFG, TAGGER, PapersTopology.DEFAULT_MAX_PAGE_CHARS), p);
        raw = driver.createInputTopic(CFG.rawTopic(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** The saved page with ~2.7 MB of inline script and style inserted in its head, as browsers save them. */
    static String bigSavedPage() throws IOException {
        String page = Files.readString(FORMS.resolve("html/papers-date.html"));
        StringBuilder filler = new StringBuilder();
        Random rnd = new Random(24);
        while (filler.length() < 2_700_000) {
            filler.append("<script>(function(){var c").append(rnd.nextInt(1 << 20)).append("={");
            for (int i = 0; i < 400; i++) {
                filler.append("k").append(i).append(":\"").append(Long.toHexString(rnd.nextLong())).append("\",");
            }
            filler.append("};window.__x=c;})();</script>\n<style>.c").append(rnd.nextInt(1 << 20))
                    .append("{margin:0 auto;padding:2px 4px;color:#").append(Integer.toHexString(rnd.nextInt(1 << 24)))
                    .append(";font:14px/1.5 system-ui}</style>\n");
        }
        int head = page.indexOf("</head>");
        return page.substring(0, head) + filler + page.substring(head);
    }

    static List<String> expectedTitles(String fixture) throws IOException {
        List<String> titles = new ArrayList<>();
        for (String line : Files.readAllLines(FORMS.resolve(fixture))) {
            if (!line.isBlank()) titles.add(Json.MAPPER.readTree(line).path("title").asText());
        }
        return titles;
    }

    void send(String source, String text) {
        String ingestId = UUID.randomUUID().toString();
        int n = Math.max(1, (text.length() + CHUNK - 1) / CHUNK);
        for (int s = 0; s < n; s++) {
            clock = clock.plusMillis(1);
            String part = text.substring(s * CHUNK, Math.min(text.length(), (s + 1) * CHUNK));
            raw.pipeInput(source, Json.write(new Chunk(source, ingestId, s, s == n - 1, part)).getBytes(StandardCharsets.UTF_8), clock);
        }
    }

    /** Every record written, per topic: bytes and the largest one. */
    record Written(long bytes, int largest, int records) {}

    Map<String, Written> written() {
        Map<String, Written> out = new HashMap<>();
        for (String topic : driver.producedTopicNames()) {
            long bytes = 0;
            int largest = 0;
            int n = 0;
            var t = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (TestRecord<byte[], byte[]> r : t.readRecordsToList()) {
                int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                bytes += size;
                largest = Math.max(largest, size);
                n++;
            }
            out.put(topic, new Written(bytes, largest, n));
        }
        return out;
    }

    @Test
    void aThreeMegabyteSavedPageArrivesWithBoundedRecordsAndLinearChangelogBytes() throws IOException {
        String big = bigSavedPage();
        assertThat(big.length()).isGreaterThan(2_900_000);
        send("big-saved-page.html", big);
        List<String> after = List.of("000_d84dd5f55e8a7a8b.txt", "001_3dc8d83b93f1b44b.txt", "002_fe96d62a43a5071b.txt");
        for (String n : after) send("after-" + n, Files.readString(Path.of("..", "demo-data", n)));

        var papers = driver.createOutputTopic(CFG.papersTopic(), new StringDeserializer(), Json.serde(Paper.class).deserializer());
        Map<String, Paper> cat = new HashMap<>();
        for (KeyValue<String, Paper> kv : papers.readKeyValuesToList()) cat.put(kv.key, kv.value);
        Set<String> fromBig = new LinkedHashSet<>();
        for (Paper p : cat.values()) if (p.sources().contains("big-saved-page.html")) fromBig.add(p.id());
        Set<String> expected = new LinkedHashSet<>();
        for (String t : expectedTitles("html/papers-date.expected.jsonl")) expected.add(Titles.id(t));
        assertThat(fromBig).as("the big page's papers").isEqualTo(expected);
        for (String n : after) {
            assertThat(cat.values().stream().filter(p -> p.sources().contains("after-" + n)).count())
                    .as("papers of %s, sent after the big page", n).isGreaterThan(50);
        }
        var rejects = driver.createOutputTopic(CFG.rejectsTopic(), new StringDeserializer(), Json.serde(Reject.class).deserializer());
        assertThat(rejects.readValuesToList()).isEmpty();

        Map<String, Written> w = written();
        w.forEach((topic, x) -> assertThat(x.largest()).as("largest record written to %s", topic)
                .isLessThanOrEqualTo(PapersTopology.DEFAULT_MAX_RECORD_BYTES));
        long changelogBytes = w.entrySet().stream().filter(e -> e.getKey().endsWith("-changelog"))
                .mapToLong(e -> e.getValue().bytes()).sum();
        long pageBytes = big.getBytes(StandardCharsets.UTF_8).length;
        // Linear: the document once in pieces (and once more as deletes), a small state per chunk, the papers.
        assertThat(changelogBytes).as("bytes written to changelogs for a %d-byte page", pageBytes).isLessThan(3 * pageBytes);
        System.out.printf("big page: %d bytes in %d chunks; changelog bytes %d (%.2f x page); per topic %s%n",
                pageBytes, (pageBytes + CHUNK - 1) / CHUNK, changelogBytes, (double) changelogBytes / pageBytes, w);
        assertThat(driver.getKeyValueStore(PapersTopology.PAGE_PIECES_STORE).approximateNumEntries())
                .as("no piece left once the page is complete").isZero();
    }

    @Test
    void changelogBytesGrowLinearlyWithThePage() throws IOException {
        String page = bigSavedPage();
        send("third.html", page.substring(0, page.length() / 3) + page.substring(page.indexOf("</head>")));
        long third = written().entrySet().stream().filter(e -> e.getKey().endsWith("-changelog")).mapToLong(e -> e.getValue().bytes()).sum();
        send("whole.html", page);
        long whole = written().entrySet().stream().filter(e -> e.getKey().endsWith("-changelog")).mapToLong(e -> e.getValue().bytes()).sum();
        double ratio = (double) whole / third;
        System.out.printf("changelog bytes: page of %d chars -> %d; page of %d chars -> %d (x%.2f)%n",
                page.length() / 3, third, page.length(), whole, ratio);
        // The same papers arrive from both (a second source: no new paper, the same number of updates), so the
        // difference is the document itself: ~3x the text gives ~3x the bytes; quadratic growth would give ~9x.
        assertThat(ratio).isBetween(1.5, 4.5);
    }
}
