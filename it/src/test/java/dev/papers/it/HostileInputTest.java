package dev.papers.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed hostile pages ({@code src/test/resources/hostile/}, described in its README), two generated ones
 * (a 10 MB single line, a page of 50,000 entries) and raw records of no accepted shape, ingested among the seed
 * pages through the real pipeline: every entry the parser can read arrives with exact duplicate counters, every
 * problem is in the rejects topic with its line and reason, and the processor is still RUNNING at the end.
 */
@Tag("slow")
@Timeout(400)
class HostileInputTest {
    static final Path HOSTILE = Path.of("src", "test", "resources", "hostile");
    static final Path SEEDS = Path.of("..", "demo-data");
    static final int BIG_PAGE_ENTRIES = 50_000;
    static final int BIG_PAGE_UNIQUE = 1_000;
    static final Pattern GOOD_TITLE = Pattern.compile("(?m)^Hostile Good Entry [^\\r\\n]*?Listings");

    @Test
    void everyGoodEntryArrivesEveryProblemIsRejectedAndTheProcessorKeepsRunning(@TempDir Path tmp) throws Exception {
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> s = Files.list(SEEDS)) {
            s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(pages::add);
        }
        List<Path> hostile;
        try (Stream<Path> s = Files.list(HOSTILE)) {
            hostile = s.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(20);
        pages.addAll(hostile);
        Path gen = Files.createDirectories(tmp.resolve("generated"));
        pages.add(tenMegabyteLine(gen.resolve("26-ten-mb-line.txt")));
        pages.add(fiftyThousandEntries(gen.resolve("27-fifty-k-entries.txt")));
        ExpectedCatalogue expected = ExpectedCatalogue.of(pages);

        try (EmbeddedKafkaBroker broker = ItSupport.startBroker(tmp.resolve("broker"))) {
            String run = ItSupport.runId();
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("hostile-" + run + ".");
            ItSupport.ensureTopics(cfg, 3, (short) 1);
            try (ProcessorService processor = ProcessorService.start(cfg, ProcessorOptions.defaults()
                         .withApplicationId("hostile-" + run).withStateDir(tmp.resolve("proc")).withOverrides(ItSupport.FAST));
                 TopicTail tail = new TopicTail(cfg)) {
                IngestSummary summary = IngestJob.run(cfg, Sources.discover(pages.stream().map(Path::toString).toList()),
                        new IngestOptions(8192, false));
                assertThat(summary.pages()).isEqualTo(pages.size());
                RawGarbage garbage = RawGarbage.send(cfg);
                ExpectedCatalogue rawPage = new ExpectedCatalogue();
                rawPage.add(RawGarbage.WHOLE_PAGE_KEY, RawGarbage.WHOLE_PAGE.getBytes(StandardCharsets.UTF_8));

                long wantRecords = expected.sightings + rawPage.sightings;
                long wantRejects = expected.problems.values().stream().mapToLong(List::size).sum()
                        + expected.parserCrashes.size() + garbage.rejectKeys().size();
                await("all " + wantRecords + " sightings and " + wantRejects + " rejects out").atMost(Duration.ofSeconds(300))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> tail.poll().paperRecords >= wantRecords && tail.rejects.size() >= wantRejects);
                // Nothing more may come: exactly one papers record per sighting (exactly-once), no extra rejects.
                for (int i = 0; i < 5; i++) tail.poll();

                assertThat(processor.state()).as("processor state at the end").isEqualTo(KafkaStreams.State.RUNNING);

                // ---- papers: everything the parser reads, merged exactly
                Map<String, ExpectedCatalogue.Expected> want = new HashMap<>(expected.papers);
                want.putAll(rawPage.papers);
                Set<String> crashSources = expected.parserCrashes.keySet();
                long extraRecords = 0;
                for (Paper p : tail.latest.values()) {
                    if (want.containsKey(p.id())) continue;
                    // Only a page the parser throws on may add papers not predicted offline (those before the failure).
                    assertThat(crashSources).as("unexpected paper %s", p.title()).containsAll(p.sources());
                    extraRecords += p.duplicates() + 1;
                }
                assertThat(tail.latest.keySet()).containsAll(want.keySet());
                for (ExpectedCatalogue.Expected e : want.values()) {
                    Paper p = tail.latest.get(e.merged().id());
                    assertThat(p.title()).isEqualTo(e.merged().title());
                    assertThat(p.duplicates()).as("duplicates of %s", p.title()).isEqualTo(e.duplicates());
                    assertThat(new HashSet<>(p.sources())).as("sources of %s", p.title()).isEqualTo(e.sources());
                    assertThat(p.abstractText()).as("abstract of %s", p.title()).isEqualTo(e.merged().abstractText());
                    assertThat(p.upvotes()).as("upvotes of %s", p.title()).isEqualTo(e.merged().upvotes());
                }
                assertThat(tail.paperRecords).as("papers records (one per sighting)").isEqualTo(wantRecords + extraRecords);
                List<Paper> big = tail.latest.values().stream().filter(p -> p.title().startsWith("Big Page Paper ")).toList();
                assertThat(big).hasSize(BIG_PAGE_UNIQUE);
                assertThat(big.stream().mapToInt(Paper::duplicates).sum()).isEqualTo(BIG_PAGE_ENTRIES - BIG_PAGE_UNIQUE);

                // ---- the hand-marked good entries of the hostile pages are all there under their own titles
                Set<String> titles = new HashSet<>();
                tail.latest.values().forEach(p -> titles.add(p.title()));
                for (Path h : hostile) {
                    if (KNOWN_PARSER_LIMITS.containsKey(h.getFileName().toString())) continue;
                    Matcher m = GOOD_TITLE.matcher(ExpectedCatalogue.decode(Files.readAllBytes(h)));
                    while (m.find()) assertThat(titles).as("good entry of %s", h.getFileName()).contains(m.group());
                }

                // ---- rejects: each page's problems with line and reason, nothing else
                Map<String, List<String>> actual = new TreeMap<>();
                for (Reject r : tail.rejects) {
                    assertThat(r.reason()).as("reason of %s", r).isNotBlank();
                    actual.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r.line() + ": " + r.reason());
                }
                for (var e : expected.problems.entrySet()) {
                    assertThat(actual.get(e.getKey())).as("rejects of %s", e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
                }
                for (String crashed : crashSources) {
                    assertThat(actual.get(crashed)).as("rejects of %s", crashed).anySatisfy(r -> assertThat(r).contains("internal error"));
                }
                for (String key : garbage.rejectKeys()) {
                    assertThat(actual.keySet()).as("reject for raw record %s", key).anySatisfy(k -> assertThat(k).startsWith(key));
                }
                Set<String> explained = new HashSet<>(expected.problems.keySet());
                explained.addAll(crashSources);
                explained.addAll(rawPage.problems.keySet());
                for (String src : actual.keySet()) {
                    assertThat(explained.contains(src) || garbage.rejectKeys().stream().anyMatch(src::startsWith))
                            .as("unexpected rejects for %s: %s", src, actual.get(src)).isTrue();
                }
                assertThat(expected.problems).containsKeys("02-binary.txt", "03-nul-bytes.txt", "05-only-headers.txt",
                        "06-title-without-abstract.txt", "07-page.html", "08-data.json", "12-empty.txt", "26-ten-mb-line.txt");
            }
        }
    }

    /**
     * Hostile pages where a good entry after the damage is not read as itself: parser limits, reported (see the
     * issue report); their entries are still compared with the offline parser above.
     */
    static final Map<String, String> KNOWN_PARSER_LIMITS = Map.of(
            "15-metadata-without-date.txt", "the undated line becomes the next title and shifts the title/abstract pairing",
            "18-control-chars.txt", "a skipped control-character title shifts the title/abstract pairing",
            "22-cr-only.txt", "CR alone is not a line break: the whole page is one line, a title without abstract",
            "25-absurd-values.txt", "an upvote count beyond int makes the parser throw: the page is dropped");

    /** A good entry, one line of 10 MB, another good entry. */
    static Path tenMegabyteLine(Path f) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("Daily Papers\n\nTen Megabyte Line Neighbour Before\n\nIts abstract, before the monster line.\n\n");
            char[] block = "0123456789abcdefghij ".repeat(500).toCharArray();
            for (long written = 0; written < 10L * 1024 * 1024; written += block.length) w.write(block);
            w.write("\n\nTen Megabyte Line Neighbour After\n\nIts abstract, after the monster line.\n\n  • 2 authors\n·\nMar 3, 2024 3\n");
        }
        return f;
    }

    /** Format B, 50,000 entries: 1,000 titles seen 50 times each, with the same abstract every time. */
    static Path fiftyThousandEntries(Path f) throws IOException {
        Random rnd = new Random(50_000);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("Get trending papers in your email inbox!\nSubscribe");
            for (int i = 0; i < BIG_PAGE_ENTRIES; i++) {
                int t = rnd.nextInt(BIG_PAGE_UNIQUE);
                if (i < BIG_PAGE_UNIQUE) t = i; // every title at least once
                w.write("Big Page Paper " + t + " on Streaming Deduplication\n");
                w.write("Abstract of big page paper " + t + ": exactly-once processing of many small listings.\n");
            }
        }
        return f;
    }

    /** Raw-topic records of no accepted shape (and one valid whole page), written directly, not via ingest. */
    record RawGarbage(List<String> rejectKeys) {
        static final String WHOLE_PAGE_KEY = "raw-whole-page.txt";
        static final String WHOLE_PAGE = "Daily Papers\n\nRaw Whole Page Entry One\n\nA whole page in one plain record.\n\n"
                + "Raw Whole Page Entry Two\n\nSecond entry of the plain page.\n";

        static RawGarbage send(PapersConfig cfg) throws Exception {
            Properties p = cfg.baseClientProperties();
            p.put("acks", "all");
            List<String> keys = new ArrayList<>();
            byte[] binary = new byte[2048];
            new Random(7).nextBytes(binary);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                send(producer, cfg, keys, "raw-binary", binary, null);
                send(producer, cfg, keys, "raw-not-json", "{not json".getBytes(StandardCharsets.UTF_8), null);
                send(producer, cfg, keys, "raw-bad-envelope", "{\"source\":\"x\",\"seq\":-1,\"text\":\"abc\"}".getBytes(StandardCharsets.UTF_8), null);
                send(producer, cfg, keys, "raw-empty", new byte[0], null);
                send(producer, cfg, keys, "raw-orphan-chunk", ("{\"source\":\"raw-orphan-chunk\",\"ingestId\":\"i\",\"seq\":5,\"last\":true,"
                        + "\"text\":\"Orphan\\n\\nchunk\\n\"}").getBytes(StandardCharsets.UTF_8), null);
                RecordHeaders h = new RecordHeaders();
                h.add("papers.source", "raw-bad-header".getBytes(StandardCharsets.UTF_8));
                h.add("papers.seq", "minus one".getBytes(StandardCharsets.UTF_8));
                send(producer, cfg, keys, "raw-bad-header", "Title\nAbstract\n".getBytes(StandardCharsets.UTF_8), h);
                // No key at all: the reject names <topic>-<partition>-<offset>.
                producer.send(new ProducerRecord<>(cfg.rawTopic(), null, binary)).get();
                keys.add(cfg.rawTopic() + "-");
                producer.send(new ProducerRecord<>(cfg.rawTopic(), WHOLE_PAGE_KEY, WHOLE_PAGE.getBytes(StandardCharsets.UTF_8))).get();
            }
            return new RawGarbage(keys);
        }

        private static void send(KafkaProducer<String, byte[]> producer, PapersConfig cfg, List<String> keys, String key,
                                 byte[] value, RecordHeaders headers) throws Exception {
            producer.send(new ProducerRecord<>(cfg.rawTopic(), null, key, value, headers)).get();
            keys.add(key);
        }
    }
}
