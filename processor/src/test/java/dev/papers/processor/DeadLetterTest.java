package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Titles;
import dev.papers.parse.ListingParser;
import dev.papers.common.streams.DeadLetters;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #24's "no poison record": each kind of failure of one record (a tagger that throws, one that overflows its
 * stack, a corrupt record on the repartition topic, a record over the size bound) becomes a dead letter with its
 * reason and origin, and every other entry of the run arrives.
 */
class DeadLetterTest {
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    static final String SEED = "000_d84dd5f55e8a7a8b.txt";
    static final String MARKER = "Poison Marker Paper About Robust Streaming Pipelines";

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    String appId;
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    void start(PapersTopology.TagFunction tagger, int maxRecordBytes) {
        appId = "dlq-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/papers-tt-" + UUID.randomUUID());
        p.putAll(PapersTopology.errorHandling(CFG));
        driver = new TopologyTestDriver(PapersTopology.buildTopology(CFG, tagger, PapersTopology.DEFAULT_MAX_PAGE_CHARS,
                Duration.ofMinutes(5), maxRecordBytes), p);
        raw = driver.createInputTopic(CFG.rawTopic(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        if (driver != null) driver.close();
    }

    static String seed() throws IOException {
        return Files.readString(Path.of("..", "demo-data", SEED));
    }

    /** A format-B page: the marker paper between two ordinary ones. */
    static String markerPage(String markerAbstract) {
        return "Daily Papers\n\nAn Ordinary First Paper On Graph Neural Networks\n\nWe study graph neural networks on molecules.\n\n"
                + MARKER + "\n\n" + markerAbstract + "\n\n"
                + "An Ordinary Last Paper On Speech Recognition\n\nWe study speech recognition for low-resource languages.\n";
    }

    void send(String source, String text) {
        String ingestId = UUID.randomUUID().toString();
        int size = 500;
        int n = Math.max(1, (text.length() + size - 1) / size);
        for (int s = 0; s < n; s++) {
            clock = clock.plusMillis(1);
            String part = text.substring(s * size, Math.min(text.length(), (s + 1) * size));
            raw.pipeInput(source, Json.write(new Chunk(source, ingestId, s, s == n - 1, part)).getBytes(StandardCharsets.UTF_8), clock);
        }
    }

    Set<String> catalogue() {
        Set<String> ids = new HashSet<>();
        driver.createOutputTopic(CFG.papersTopic(), new StringDeserializer(), Json.serde(Paper.class).deserializer())
                .readKeyValuesToList().forEach(kv -> ids.add(kv.key));
        return ids;
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(CFG.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static Set<String> ids(String source, String text) {
        Set<String> s = new HashSet<>();
        ListingParser.parseAll(source, text).entries().forEach(e -> s.add(e.id()));
        return s;
    }

    Set<String> expectedWithoutMarker(String markerPage) throws IOException {
        Set<String> expected = ids(SEED, seed());
        expected.addAll(ids("marker.txt", markerPage));
        expected.remove(Titles.id(MARKER));
        return expected;
    }

    /** The marker page and a seed page through a tagger that fails on the marker title: its one dead letter. */
    TestRecord<byte[], byte[]> failOnMarker(Runnable failure) throws IOException {
        start((title, abs) -> {
            if (title.equals(MARKER)) failure.run();
            return TAGGER.tag(title, abs);
        }, PapersTopology.DEFAULT_MAX_RECORD_BYTES);
        String page = markerPage("We describe a pipeline that never stalls.");
        send("marker.txt", page);
        send(SEED, seed());
        assertThat(catalogue()).as("everything but the marker paper").isEqualTo(expectedWithoutMarker(page));
        List<TestRecord<byte[], byte[]>> dl = deadLetters();
        assertThat(dl).hasSize(1);
        return dl.get(0);
    }

    @Test
    void aTaggerThatThrowsCostsOnePaperAsADeadLetter() throws IOException {
        TestRecord<byte[], byte[]> d = failOnMarker(() -> {
            throw new IllegalStateException("tagger bug on the marker title");
        });
        assertThat(header(d, DeadLetters.H_STAGE)).isEqualTo("process");
        assertThat(header(d, DeadLetters.H_NODE)).isEqualTo("dedup-and-tag");
        assertThat(header(d, DeadLetters.H_REASON)).contains("IllegalStateException").contains("tagger bug on the marker title");
        assertThat(header(d, DeadLetters.H_TOPIC)).isEqualTo(appId + "-entries-by-id-repartition");
        assertThat(header(d, DeadLetters.H_PARTITION)).isNotNull();
        assertThat(header(d, DeadLetters.H_OFFSET)).matches("\\d+");
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).as("the failed record, as it was").contains(MARKER);
    }

    @Test
    void aStackOverflowInOneRecordIsContainedAsADeadLetter() throws IOException {
        TestRecord<byte[], byte[]> d = failOnMarker(() -> recurse(0));
        assertThat(header(d, DeadLetters.H_REASON)).contains("StackOverflowError");
    }

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void aCorruptRecordOnTheRepartitionTopicIsADeadLetterAndTheNextOneArrives() throws IOException {
        start(TAGGER::tag, PapersTopology.DEFAULT_MAX_RECORD_BYTES);
        String repartition = appId + "-entries-by-id-repartition";
        TestInputTopic<String, byte[]> internal = driver.createInputTopic(repartition, new StringSerializer(), new ByteArraySerializer());
        internal.pipeInput("some-id", "{\"title\": not json".getBytes(StandardCharsets.UTF_8), clock);
        Entry good = new Entry("direct.txt", Titles.id("A Paper Written Straight To The Repartition Topic"),
                "A Paper Written Straight To The Repartition Topic", "An abstract.", 2, null, null, null, 5, null);
        internal.pipeInput(good.id(), Json.write(good).getBytes(StandardCharsets.UTF_8), clock);
        send(SEED, seed());

        Set<String> expected = ids(SEED, seed());
        expected.add(good.id());
        assertThat(catalogue()).isEqualTo(expected);
        List<TestRecord<byte[], byte[]>> dl = deadLetters();
        assertThat(dl).hasSize(1);
        assertThat(header(dl.get(0), DeadLetters.H_STAGE)).isEqualTo("deserialize");
        assertThat(header(dl.get(0), DeadLetters.H_TOPIC)).isEqualTo(repartition);
        assertThat(header(dl.get(0), DeadLetters.H_REASON)).contains("not a Entry JSON value");
        assertThat(new String(dl.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("some-id");
        assertThat(new String(dl.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\": not json");
    }

    @Test
    void aRecordOverTheBoundIsADeadLetterNotAFailedTransaction() throws IOException {
        String longAbstract = ("Streaming systems must bound every record they write, or one page stalls them. ").repeat(60);
        String page = markerPage(longAbstract.strip());
        Entry marker = ListingParser.parseAll("marker.txt", page).entries().stream()
                .filter(e -> e.title().equals(MARKER)).findFirst().orElseThrow();
        int entryBytes = Json.write(marker).getBytes(StandardCharsets.UTF_8).length;
        // The entry passes the repartition topic; the merged, tagged paper (with its tags and sources) does not.
        // Sent as one whole-page record: no reassembly state (which would hold the long abstract) is written.
        int bound = entryBytes + 300;
        start(TAGGER::tag, bound);
        raw.pipeInput("marker.txt", page.getBytes(StandardCharsets.UTF_8), clock);
        send(SEED, seed());

        assertThat(catalogue()).isEqualTo(expectedWithoutMarker(page));
        List<TestRecord<byte[], byte[]>> dl = deadLetters();
        assertThat(dl).hasSize(1);
        assertThat(header(dl.get(0), DeadLetters.H_REASON)).contains("over the record bound of " + bound + " bytes");
    }

    @Test
    void aHugeFailedRecordGivesABoundedDeadLetter() {
        start((title, abs) -> {
            throw new IllegalStateException("every paper fails here");
        }, PapersTopology.DEFAULT_MAX_RECORD_BYTES);
        // A whole page of ~400 KB in one record whose single paper fails: the dead letter keeps a sample, not all of it.
        String abs = "word ".repeat(1500);
        StringBuilder page = new StringBuilder("Daily Papers\n\n");
        page.append("One Paper With A Long Page Around It\n\n").append(abs.strip()).append("\n\n");
        page.append("\n".repeat(400_000));
        raw.pipeInput("whole-page.txt", page.toString().getBytes(StandardCharsets.UTF_8), clock);
        List<TestRecord<byte[], byte[]>> dl = deadLetters();
        assertThat(dl).hasSize(1);
        assertThat(dl.get(0).value().length).isLessThanOrEqualTo(DeadLetters.MAX_SAMPLE_BYTES);
    }
}
