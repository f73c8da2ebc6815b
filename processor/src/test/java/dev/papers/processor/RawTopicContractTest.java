package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.parse.ListingParser;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every shape the raw topic accepts, and every shape it rejects (see {@link RawRecords}). */
class RawTopicContractTest {
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String SEED = "002_fe96d62a43a5071b.txt";

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    TestOutputTopic<String, Paper> papers;
    TestOutputTopic<String, Reject> rejects;
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "contract-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/papers-contract-" + UUID.randomUUID());
        p.putAll(PapersTopology.errorHandling(CFG));
        driver = new TopologyTestDriver(PapersTopology.buildTopology(CFG, TAGGER, PapersTopology.DEFAULT_MAX_PAGE_CHARS, TIMEOUT), p);
        raw = driver.createInputTopic(CFG.rawTopic(), new StringSerializer(), new ByteArraySerializer());
        papers = driver.createOutputTopic(CFG.papersTopic(), new StringDeserializer(), Json.serde(Paper.class).deserializer());
        rejects = driver.createOutputTopic(CFG.rejectsTopic(), new StringDeserializer(), Json.serde(Reject.class).deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    static String seed() throws IOException {
        return Files.readString(Path.of("..", "demo-data", SEED), StandardCharsets.UTF_8);
    }

    static Set<String> expectedTitles(String text) {
        return ListingParser.parseAll("x", text).entries().stream().map(Entry::title).collect(Collectors.toSet());
    }

    Map<String, Paper> catalogue() {
        Map<String, Paper> m = new HashMap<>();
        papers.readKeyValuesToList().forEach(kv -> m.put(kv.key, kv.value));
        return m;
    }

    void pipe(String key, byte[] value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        clock = clock.plusMillis(1);
        raw.pipeInput(new TestRecord<>(key, value, h, clock));
    }

    /** Byte cuts anywhere, including inside multi-byte UTF-8 sequences. */
    void pipeHeaderChunks(String key, String source, byte[] page, int chunkBytes) {
        int n = (page.length + chunkBytes - 1) / chunkBytes;
        for (int s = 0; s < n; s++) {
            byte[] part = Arrays.copyOfRange(page, s * chunkBytes, Math.min(page.length, (s + 1) * chunkBytes));
            if (source == null) pipe(key, part, RawRecords.SEQ, String.valueOf(s), RawRecords.LAST, String.valueOf(s == n - 1));
            else pipe(key, part, RawRecords.SOURCE, source, RawRecords.SEQ, String.valueOf(s), RawRecords.LAST, String.valueOf(s == n - 1));
        }
    }

    @Test
    void envelopeChunksAreAcceptedAsBefore() throws IOException {
        String text = seed();
        String id = UUID.randomUUID().toString();
        int half = text.length() / 2;
        pipe(SEED, Json.write(new Chunk(SEED, id, 0, false, text.substring(0, half))).getBytes(StandardCharsets.UTF_8));
        pipe(SEED, Json.write(new Chunk(SEED, id, 1, true, text.substring(half))).getBytes(StandardCharsets.UTF_8));
        assertThat(catalogue().values()).extracting(Paper::title).containsExactlyInAnyOrderElementsOf(expectedTitles(text));
        assertThat(rejects.isEmpty()).isTrue();
    }

    @Test
    void plainTextValueIsOneWholePageNamedByItsKey() throws IOException {
        String text = seed();
        pipe("my-scraper/page-1", text.getBytes(StandardCharsets.UTF_8));
        Map<String, Paper> got = catalogue();
        assertThat(got.values()).extracting(Paper::title).containsExactlyInAnyOrderElementsOf(expectedTitles(text));
        assertThat(got.values()).allSatisfy(p -> assertThat(p.sources()).containsExactly("my-scraper/page-1"));
        assertThat(rejects.isEmpty()).isTrue();
    }

    @Test
    void plainTextValueWithNullKeyIsNamedByTopicPartitionOffset() {
        pipe(null, "Daily Papers\n\nA Keyless Paper\n\nIts abstract is here and long enough.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(catalogue().values()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("A Keyless Paper");
            assertThat(p.sources()).containsExactly(CFG.rawTopic() + "-0-0");
        });
    }

    @Test
    void headerDescribedChunksCutInsideUtf8SequencesReassemble() throws IOException {
        String text = seed() + "\nÜber Ñandú: 数据 🚀 Title\n\nAn abstract with accents é, CJK 数据 and emoji 🚀 cut anywhere.\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pipeHeaderChunks("ignored-key", "hdr-page", bytes, 7); // 7 bytes: cuts fall inside multi-byte sequences
        Map<String, Paper> got = catalogue();
        assertThat(got.values()).extracting(Paper::title).containsExactlyInAnyOrderElementsOf(expectedTitles(text));
        assertThat(got.values()).extracting(Paper::title).contains("Über Ñandú: 数据 🚀 Title");
        assertThat(got.values()).allSatisfy(p -> assertThat(p.sources()).containsExactly("hdr-page"));
        assertThat(rejects.isEmpty()).isTrue();
    }

    @Test
    void headerChunksWithoutSourceHeaderUseTheRecordKey() {
        pipeHeaderChunks("keyed", null, "Daily Papers\n\nKeyed Title\n\nKeyed abstract, long enough.\n".getBytes(StandardCharsets.UTF_8), 10);
        assertThat(catalogue().values()).singleElement().satisfies(p -> assertThat(p.sources()).containsExactly("keyed"));
    }

    @Test
    void headerSequenceWithAGapIsRejectedWithWhatWasMissing() {
        pipe("g", "Daily Papers\n\nFirst Title\n\nFirst abstract is long enough.\n\n".getBytes(StandardCharsets.UTF_8),
                RawRecords.SEQ, "0", RawRecords.LAST, "false");
        pipe("g", "Lost Title\n\nLost abstract.\n".getBytes(StandardCharsets.UTF_8), RawRecords.SEQ, "3", RawRecords.LAST, "true");
        assertThat(rejects.readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("g");
            assertThat(r.reason()).contains("chunks 1..2 missing");
        });
        assertThat(catalogue().values()).extracting(Paper::title).containsExactly("First Title");
    }

    @Test
    void pageWhoseLastChunkNeverComesIsRejectedAfterTheTimeout() {
        pipe("stalled", "Daily Papers\n\nEarly Title\n\nEarly abstract is long enough.\n\nCut Ti".getBytes(StandardCharsets.UTF_8),
                RawRecords.SEQ, "0", RawRecords.LAST, "false");
        driver.advanceWallClockTime(TIMEOUT.dividedBy(2));
        assertThat(rejects.isEmpty()).as("not before the timeout").isTrue();
        driver.advanceWallClockTime(TIMEOUT);
        List<Reject> rj = rejects.readValuesToList();
        assertThat(rj).hasSize(2).allSatisfy(r -> assertThat(r.source()).isEqualTo("stalled"));
        assertThat(rj.get(0).seq()).isEqualTo(1);
        assertThat(rj.get(0).reason()).contains("page incomplete").contains("chunk 1");
        assertThat(rj.get(1).line()).as("the half line where the page stops").isEqualTo(7);
        assertThat(catalogue().values()).extracting(Paper::title).containsExactly("Early Title");
        // The store forgot it: the same source starts afresh.
        pipeHeaderChunks("stalled", null, "Daily Papers\n\nLater Title\n\nLater abstract is long enough.\n".getBytes(StandardCharsets.UTF_8), 9);
        assertThat(catalogue().values()).extracting(Paper::title).containsExactly("Later Title");
        assertThat(rejects.isEmpty()).isTrue();
    }

    @Test
    void rejectedShapesEachGetAReasonAndGoodPagesAroundThemArrive() {
        byte[] good = "Daily Papers\n\nGood Neighbour\n\nA good abstract between bad records.\n".getBytes(StandardCharsets.UTF_8);
        pipe("binary", new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0, 1});                        // not UTF-8
        byte[] controls = new byte[64];
        Arrays.fill(controls, (byte) 1);
        pipe("controls", controls);                                                                  // UTF-8 but binary
        pipe("empty", new byte[0]);                                                                  // nothing
        pipe("envelope", "{\"source\":\"e\",\"seq\":0,\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)); // envelope missing ingestId
        pipe("badseq", good, RawRecords.SEQ, "one", RawRecords.LAST, "true");                       // header seq not a number
        pipe("badlast", good, RawRecords.SEQ, "0", RawRecords.LAST, "maybe");                       // header last not a boolean
        pipe(null, good, RawRecords.SEQ, "0");                                                       // no source header, no key
        pipe("badutf8", new byte[] {'a', (byte) 0xff, 'b'}, RawRecords.SEQ, "0", RawRecords.LAST, "true"); // header chunk not UTF-8
        pipe("good", good);
        List<Reject> rj = rejects.readValuesToList();
        assertThat(rj).extracting(Reject::source).containsExactly("binary", "controls", "empty", "envelope", "badseq", "badlast", "unknown", "badutf8");
        assertThat(rj).extracting(Reject::reason).satisfiesExactly(
                r -> assertThat(r).contains("not UTF-8"),
                r -> assertThat(r).contains("binary"),
                r -> assertThat(r).contains("empty value"),
                r -> assertThat(r).contains("malformed chunk envelope"),
                r -> assertThat(r).contains("papers.seq").contains("'one'"),
                r -> assertThat(r).contains("papers.last").contains("'maybe'"),
                r -> assertThat(r).contains("papers.source"),
                r -> assertThat(r).contains("not UTF-8"));
        assertThat(catalogue().values()).extracting(Paper::title).containsExactly("Good Neighbour");
    }
}
