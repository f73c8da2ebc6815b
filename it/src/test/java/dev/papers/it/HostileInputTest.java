package dev.papers.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.Titles;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * pages through the real pipeline: every good entry arrives with exact duplicate counters, every page with a problem
 * has its rejects (on the lines known), the others have none, and the processor is still RUNNING at the end.
 *
 * <p>The expectations do not come from the parser: for the hostile pages they were written by hand from reading
 * each page ({@code hostile/expected.tsv}); for the generated pages they come from how the generator builds them.
 * Only the seed pages, the background traffic here, are predicted with the offline parser, pinned to their
 * hand-checked counts (349 entries, 325 distinct titles). Reject reasons are not compared: the processor may add its
 * own; what is asserted is which pages have rejects and on which lines.
 */
@Tag("slow")
@Timeout(400)
class HostileInputTest {
    static final Path HOSTILE = Path.of("src", "test", "resources", "hostile");
    static final Path EXPECTED = HOSTILE.resolve("expected.tsv");
    static final Path SEEDS = Path.of("..", "demo-data");
    static final int BIG_PAGE_ENTRIES = 50_000;
    static final int BIG_PAGE_UNIQUE = 1_000;
    static final String TEN_MB = "26-ten-mb-line.txt";
    static final String FIFTY_K = "27-fifty-k-entries.txt";

    /** One paper as a page shows it: exact title, sightings on that page, upvotes and authors (null: not checked). */
    record Want(String title, int sightings, Optional<Integer> upvotes, Optional<Integer> authors) {
        static Want of(String title, int sightings, String upvotes, String authors) {
            return new Want(title, sightings, value(upvotes), value(authors));
        }

        /** "-": not checked (null here); "null": none; else the number. */
        private static Optional<Integer> value(String s) {
            return s.equals("-") ? null : s.equals("null") ? Optional.empty() : Optional.of(Integer.valueOf(s));
        }
    }

    /** The hand-written expectations: papers per page, and the pages that must have rejects (with known lines). */
    record Expectations(Map<String, List<Want>> papers, Map<String, Set<Long>> rejects) {
        static Expectations read(Path tsv) throws IOException {
            Map<String, List<Want>> papers = new TreeMap<>();
            Map<String, Set<Long>> rejects = new TreeMap<>();
            for (String l : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                if (l.isBlank() || l.startsWith("#")) continue;
                String[] f = l.split("\t", -1);
                if (f[0].equals("paper")) {
                    papers.computeIfAbsent(f[1], k -> new ArrayList<>())
                            .add(Want.of(f[2].replace("\\t", "\t"), Integer.parseInt(f[3]), f[4], f[5]));
                } else {
                    Set<Long> lines = new TreeSet<>();
                    if (!f[2].equals("-")) for (String n : f[2].split(",")) lines.add(Long.valueOf(n));
                    rejects.put(f[1], lines);
                }
            }
            return new Expectations(papers, rejects);
        }
    }

    @Test
    void everyGoodEntryArrivesEveryProblemIsRejectedAndTheProcessorKeepsRunning(@TempDir Path tmp) throws Exception {
        List<Path> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(SEEDS)) {
            s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(seeds::add);
        }
        List<Path> hostile;
        try (Stream<Path> s = Files.list(HOSTILE)) {
            hostile = s.filter(p -> !p.getFileName().toString().endsWith(".md") && !p.equals(EXPECTED)).sorted().toList();
        }
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(20);
        Expectations hand = Expectations.read(EXPECTED);
        Set<String> names = new TreeSet<>();
        hostile.forEach(h -> names.add(h.getFileName().toString()));
        assertThat(names).as("expected.tsv names only committed pages").containsAll(hand.papers().keySet())
                .containsAll(hand.rejects().keySet());

        Path gen = Files.createDirectories(tmp.resolve("generated"));
        Map<String, List<Want>> generated = new TreeMap<>();
        Map<String, Set<Long>> generatedRejects = new TreeMap<>();
        List<Path> pages = new ArrayList<>(seeds);
        pages.addAll(hostile);
        pages.add(tenMegabyteLine(gen.resolve(TEN_MB)));
        generated.put(TEN_MB, List.of(Want.of("Ten Megabyte Line Neighbour Before", 1, "null", "null"),
                Want.of("Ten Megabyte Line Neighbour After", 1, "3", "2")));
        generatedRejects.put(TEN_MB, Set.of(7L)); // the monster line
        Map<Integer, Integer> bigCounts = new TreeMap<>();
        pages.add(fiftyThousandEntries(gen.resolve(FIFTY_K), bigCounts));
        List<Want> big = new ArrayList<>();
        bigCounts.forEach((t, n) -> big.add(Want.of(bigTitle(t), n, "null", "null")));
        generated.put(FIFTY_K, big);
        generated.put(RawGarbage.WHOLE_PAGE_KEY, List.of(Want.of("Raw Whole Page Entry One", 1, "null", "null"),
                Want.of("Raw Whole Page Entry Two", 1, "null", "null")));

        // Every paper: its sightings over all pages, and which pages.
        Map<String, Want> wantById = new HashMap<>();
        Map<String, Set<String>> sourcesById = new HashMap<>();
        Map<String, List<Want>> all = new TreeMap<>(hand.papers());
        all.putAll(generated);
        long wantRecords = 0;
        for (var e : all.entrySet()) {
            for (Want w : e.getValue()) {
                String id = Titles.id(w.title());
                wantById.putIfAbsent(id, w);
                sourcesById.computeIfAbsent(id, k -> new HashSet<>()).add(e.getKey());
                wantRecords += w.sightings();
            }
        }
        ExpectedCatalogue seedPapers = ExpectedCatalogue.of(seeds);
        assertThat(seedPapers.problems).as("seed pages parse cleanly").isEmpty();
        // Pinned to the seed pages' own counts (hand-checked: 349 entries, 325 distinct titles), not to the parser.
        assertThat(seedPapers.sightings).as("entries on the seed pages").isEqualTo(349);
        assertThat(seedPapers.papers).as("distinct titles on the seed pages").hasSize(325);
        assertThat(seedPapers.papers.keySet()).as("no hostile title among the seeds").doesNotContainAnyElementsOf(wantById.keySet());
        wantRecords += seedPapers.sightings;
        Map<String, Set<Long>> wantRejects = new TreeMap<>(hand.rejects());
        wantRejects.putAll(generatedRejects);

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

                long records = wantRecords;
                await("all " + records + " sightings and the rejects of " + wantRejects.keySet() + " out")
                        .atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            tail.poll();
                            if (tail.paperRecords < records) return false;
                            Map<String, Set<Long>> lines = rejectLines(tail.rejects);
                            return wantRejects.entrySet().stream().allMatch(w -> lines.containsKey(w.getKey())
                                    && lines.get(w.getKey()).containsAll(w.getValue()))
                                    && garbage.rejectKeys().stream().allMatch(k -> lines.keySet().stream().anyMatch(s -> s.startsWith(k)));
                        });
                // Nothing more may come: exactly one papers record per sighting (exactly-once).
                for (int i = 0; i < 5; i++) tail.poll();

                assertThat(processor.state()).as("processor state at the end").isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(tail.paperRecords).as("papers records (one per sighting)").isEqualTo(wantRecords);

                // ---- papers: the hand-written and generated ones exactly, the seeds as the offline parser reads them
                for (Paper p : tail.latest.values()) {
                    assertThat(wantById.containsKey(p.id()) || seedPapers.papers.containsKey(p.id()))
                            .as("unexpected paper %s from %s", p.title(), p.sources()).isTrue();
                }
                for (var e : wantById.entrySet()) {
                    Paper p = tail.latest.get(e.getKey());
                    Want w = e.getValue();
                    assertThat(p).as("paper %s", w.title()).isNotNull();
                    assertThat(p.title()).isEqualTo(w.title());
                    // A page counts once per paper: duplicates are the other pages it was seen on.
                    assertThat(p.duplicates()).as("duplicates of %s", w.title()).isEqualTo(sourcesById.get(e.getKey()).size() - 1);
                    assertThat(new HashSet<>(p.sources())).as("sources of %s", w.title()).isEqualTo(sourcesById.get(e.getKey()));
                    if (w.upvotes() != null) assertThat(Optional.ofNullable(p.upvotes())).as("upvotes of %s", w.title()).isEqualTo(w.upvotes());
                    if (w.authors() != null) assertThat(Optional.ofNullable(p.authors())).as("authors of %s", w.title()).isEqualTo(w.authors());
                    assertThat(p.abstractText()).as("abstract of %s", w.title()).isNotBlank();
                }
                for (ExpectedCatalogue.Expected e : seedPapers.papers.values()) {
                    Paper p = tail.latest.get(e.merged().id());
                    assertThat(p).as("seed paper %s", e.merged().title()).isNotNull();
                    assertThat(p.duplicates()).as("duplicates of %s", p.title()).isEqualTo(e.duplicates());
                    assertThat(p.abstractText()).isEqualTo(e.merged().abstractText());
                }
                List<Paper> bigPapers = tail.latest.values().stream().filter(p -> p.title().startsWith("Big Page Paper ")).toList();
                assertThat(bigPapers).hasSize(BIG_PAGE_UNIQUE);
                assertThat(bigPapers).allSatisfy(p -> assertThat(p.duplicates()).isZero()); // 50 sightings, one page

                // ---- rejects: the pages with problems have them (on the lines known), every other page has none
                Map<String, Set<Long>> actual = rejectLines(tail.rejects);
                for (Reject r : tail.rejects) assertThat(r.reason()).as("reason of %s", r).isNotBlank();
                for (String src : actual.keySet()) {
                    assertThat(wantRejects.containsKey(src) || garbage.rejectKeys().stream().anyMatch(src::startsWith))
                            .as("unexpected rejects for %s: %s", src, actual.get(src)).isTrue();
                }
                for (var w : wantRejects.entrySet()) {
                    Set<Long> pinned = w.getValue();
                    if (pinned.isEmpty()) continue;
                    // Known lines must be there; a reject for the whole page (line 0) may come on top of them.
                    assertThat(actual.get(w.getKey())).as("reject lines of %s", w.getKey()).containsAll(pinned)
                            .allMatch(l -> l == 0 || pinned.contains(l));
                }
            }
        }
    }

    /** Source -> lines of its rejects. */
    static Map<String, Set<Long>> rejectLines(List<Reject> rejects) {
        Map<String, Set<Long>> out = new TreeMap<>();
        for (Reject r : List.copyOf(rejects)) out.computeIfAbsent(r.source(), k -> new TreeSet<>()).add(r.line());
        return out;
    }

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

    static String bigTitle(int t) {
        return "Big Page Paper " + t + " on Streaming Deduplication";
    }

    /** Format B, 50,000 entries: 1,000 titles seen 50 times each on average; {@code counts}: how often each was written. */
    static Path fiftyThousandEntries(Path f, Map<Integer, Integer> counts) throws IOException {
        Random rnd = new Random(50_000);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("Get trending papers in your email inbox!\nSubscribe");
            for (int i = 0; i < BIG_PAGE_ENTRIES; i++) {
                int t = rnd.nextInt(BIG_PAGE_UNIQUE);
                if (i < BIG_PAGE_UNIQUE) t = i; // every title at least once
                counts.merge(t, 1, Integer::sum);
                w.write(bigTitle(t) + "\n");
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
