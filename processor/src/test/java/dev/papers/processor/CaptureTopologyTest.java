package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.parse.EntryMerger;
import dev.papers.parse.ListingParser;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #20, point 4: every real capture of the listing (the parser's {@code captures/}: firecrawl and crawler
 * Markdown, the URL-per-line export, RSS and JSON Feed files) sent through the topology in chunks of several sizes, cut
 * by UTF-8 bytes as the ingest cuts them (anywhere: mid-entry, mid-line, mid-CRLF, never inside a code point), gives the
 * catalogue that {@link ListingParser#parseAll} gives on the whole page — every field of every paper — and the same
 * rejects, and nothing goes to the dead-letter topic.
 */
@Timeout(300)
class CaptureTopologyTest {
    static final Path CAPTURES = Path.of("..", "parser", "src", "test", "resources", "captures");
    static final int[] CHUNK_BYTES = {200, 4 * 1024, 64 * 1024};
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    static final PapersConfig CFG = PapersConfig.defaults("unused:9092");

    /** The pages beside a hand-read {@code <name>.titles.txt}. */
    static List<Path> captures() throws IOException {
        try (Stream<Path> files = Files.walk(CAPTURES)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                if (n.endsWith(".titles.txt") || n.endsWith(".entry.json")) return false;
                return Files.exists(f.resolveSibling(n.replaceFirst("\\.[^.]+$", "") + ".titles.txt"));
            }).sorted().toList();
        }
    }

    @Test
    void everyFormOfTheIssueIsAmongTheCaptures() throws IOException {
        assertThat(captures()).hasSizeGreaterThanOrEqualTo(9)
                .extracting(f -> f.getParent().getFileName().toString())
                .contains("firecrawl-markdown", "url-lines-text", "rss", "json-feed", "markdown");
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureChunkedGivesTheWholePageCatalogue() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : captures()) {
            String name = CAPTURES.relativize(f).toString();
            String text = Files.readString(f, StandardCharsets.UTF_8);
            ListingParser.Result whole = ListingParser.parseAll(name, text);
            for (int bytes : CHUNK_BYTES) {
                tests.add(DynamicTest.dynamicTest(name + " in chunks of " + bytes + " B",
                        () -> sameAsWhole(name, text, bytes, whole)));
            }
        }
        return tests.stream();
    }

    static void sameAsWhole(String name, String text, int bytes, ListingParser.Result whole) {
        assertThat(whole.entries()).as("%s parsed whole gives papers", name).isNotEmpty();
        Map<String, Entry> expected = new LinkedHashMap<>();
        for (Entry e : whole.entries()) expected.merge(e.id(), e, EntryMerger::merge);

        try (Run run = new Run()) {
            List<String> parts = cut(text, bytes);
            int total = text.getBytes(StandardCharsets.UTF_8).length;
            assertThat(parts).as("%s: pieces of at most %d bytes", name, bytes)
                    .hasSizeGreaterThanOrEqualTo((total + bytes - 1) / bytes)
                    .allSatisfy(s -> assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(bytes));
            assertThat(String.join("", parts)).isEqualTo(text);
            run.send(name, parts);

            List<KeyValue<String, Paper>> out = run.papers();
            assertThat(out).as("%s: one emission per sighting", name).hasSameSizeAs(whole.entries());
            Map<String, Paper> cat = new LinkedHashMap<>();
            out.forEach(kv -> cat.put(kv.key, kv.value));
            assertThat(cat.keySet()).as("%s: paper ids", name).containsExactlyElementsOf(expected.keySet());
            for (Entry e : expected.values()) {
                Paper p = cat.get(e.id());
                assertThat(fields(p)).as("%s: %s", name, e.title()).isEqualTo(fields(e));
                assertThat(p.sources()).containsExactly(name);
            }
            assertThat(run.rejects()).as("%s: rejects", name).containsExactlyElementsOf(
                    whole.problems().stream().map(pr -> pr.line() + " | " + pr.reason() + " | " + pr.sample()).toList());
            assertThat(run.deadLetters()).as("%s: dead letters", name).isZero();
        }
    }

    /** What a paper shows of its sighting(s): everything the parser gave, nothing the processor adds. */
    static List<Object> fields(Entry e) {
        return java.util.Arrays.asList(e.title(), e.abstractText(), e.authors(), e.organization(), e.publishedText(),
                e.published(), e.upvotes(), e.pageDate(), e.arxivId(), e.authorNames(), e.comments());
    }

    static List<Object> fields(Paper p) {
        return java.util.Arrays.asList(p.title(), p.abstractText(), p.authors(), p.organization(), p.publishedText(),
                p.published(), p.upvotes(), p.pageDate(), p.arxivId(), p.authorNames(), p.comments());
    }

    /**
     * Cuts as the ingest's {@code Chunker} does: at most {@code maxBytes} UTF-8 bytes per piece, a piece ends wherever
     * the budget runs out, except inside a surrogate pair (a code point is never split).
     */
    static List<String> cut(String text, int maxBytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > maxBytes) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += size;
            i += Character.charCount(cp);
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** One topology on a fresh state directory. */
    static final class Run implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, byte[]> raw;
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");

        Run() {
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "capture-" + UUID.randomUUID());
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/papers-cap-" + UUID.randomUUID());
            p.putAll(PapersTopology.errorHandling(CFG));
            driver = new TopologyTestDriver(PapersTopology.buildTopology(CFG, TAGGER, PapersTopology.DEFAULT_MAX_PAGE_CHARS), p);
            raw = driver.createInputTopic(CFG.rawTopic(), new StringSerializer(), new ByteArraySerializer());
        }

        void send(String source, List<String> parts) {
            String ingestId = UUID.randomUUID().toString();
            for (int s = 0; s < parts.size(); s++) {
                clock = clock.plusMillis(1);
                Chunk c = new Chunk(source, ingestId, s, s == parts.size() - 1, parts.get(s));
                raw.pipeInput(source, Json.write(c).getBytes(StandardCharsets.UTF_8), clock);
            }
        }

        List<KeyValue<String, Paper>> papers() {
            return driver.createOutputTopic(CFG.papersTopic(), new StringDeserializer(),
                    Json.serde(Paper.class).deserializer()).readKeyValuesToList();
        }

        List<String> rejects() {
            return driver.createOutputTopic(CFG.rejectsTopic(), new StringDeserializer(),
                    Json.serde(Reject.class).deserializer()).readValuesToList().stream()
                    .map(r -> r.line() + " | " + r.reason() + " | " + r.sample()).toList();
        }

        long deadLetters() {
            return driver.createOutputTopic(CFG.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .getQueueSize();
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
