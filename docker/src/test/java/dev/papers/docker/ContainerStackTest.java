package dev.papers.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.papers.app.Papers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as containers built from this build's images (broker, processor, sink, one-shot ingest jobs),
 * asserted from outside: the sink's HTTP API and what the processor committed to {@code papers}. One stack, three
 * acts that build on each other (starting five JVMs on two cores costs more than the acts): the demo pages give the
 * exact catalogue; the processor is killed (SIGKILL) in the middle of a 20,000-entry generated corpus and started
 * again; the broker is restarted in the middle of another corpus. Skipped in seconds, with the reason, without an
 * engine or a base image; nothing is ever pulled.
 */
@Tag("docker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ContainerStackTest {
    /** The bundled demo pages (the seed pages): 349 entries of 325 distinct papers on 4 pages, counted by hand. */
    static final int DEMO_ENTRIES = 349, DEMO_PAPERS = 325, DEMO_PAGES = 4;

    static ContainerStack stack;
    @TempDir
    static Path tmp;

    /** Totals the sink reported after the previous act, and the ids of every paper committed so far. */
    static long papers, duplicates, sources;
    static final Set<String> catalogue = new HashSet<>();

    @BeforeAll
    static void up() {
        Images.Built images = Images.require();
        long t0 = System.nanoTime();
        stack = new ContainerStack(images).start();
        System.out.printf("container stack (broker, processor, sink) healthy in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void down() {
        if (stack != null) stack.close();
    }

    @Test
    @Order(1)
    void theDemoPagesIngestedByTheIngestImageGiveTheExactCatalogue() throws Exception {
        try (PapersTail tail = new PapersTail(stack.bootstrap)) {
            String log = stack.ingestDemoPages();
            awaitCommitted(tail, DEMO_ENTRIES, "demo pages");
            JsonNode stats = awaitStats(DEMO_PAPERS, DEMO_PAGES);
            assertThat(tail.records).as("one papers record per entry").isEqualTo(DEMO_ENTRIES);
            assertThat(tail.keys).hasSize(DEMO_PAPERS);
            assertThat(stats.path("rejects").asLong()).as("rejects; ingest said: %s", log).isZero();
            // Two papers as the first demo page shows them (read by hand), found through the sink's search.
            assertFound("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing");
            assertFound("Augmented Conditioning Is Enough For Effective Training Image Generation");
            catalogue.addAll(tail.keys);
            remember(stats);
        } catch (Throwable t) {
            throw new AssertionError(stack.logs(), t);
        }
    }

    @Test
    @Order(2)
    void theProcessorKilledInTheMiddleOfACorpusLosesNothingAndDoublesNothing() throws Exception {
        Corpus corpus = generate("crash", 20_000, 0.75, 20_241_202L);
        try (PapersTail tail = new PapersTail(stack.bootstrap)) {
            ingestUntil(tail, corpus, 0.3);
            stack.killProcessor();
            long atKill = tail.poll();
            System.out.printf("killed the processor container at %d of %d committed sightings%n", atKill, corpus.entries);
            assertThat(atKill).as("killed in the middle").isLessThan(corpus.entries);
            long restarted = System.nanoTime();
            stack.startProcessorAgain();
            await("the restarted processor commits").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> tail.poll() > atKill);
            System.out.printf("the processor container committed again %.1f s after its start%n", (System.nanoTime() - restarted) / 1e9);
            assertExact(tail, corpus, "after the processor's restart");
        } catch (Throwable t) {
            throw new AssertionError(stack.logs(), t);
        }
    }

    @Test
    @Order(3)
    void aBrokerRestartInTheMiddleOfACorpusLosesNothingAndTheSinkAnswersAfterIt() throws Exception {
        Corpus corpus = generate("restart", 6_000, 0.75, 20_241_203L);
        try (PapersTail tail = new PapersTail(stack.bootstrap)) {
            ingestUntil(tail, corpus, 0.2);
            long t0 = System.nanoTime();
            stack.restartBroker();
            long atRestart = tail.poll();
            System.out.printf("broker container restarted in %.1f s at %d of %d committed sightings%n",
                    (System.nanoTime() - t0) / 1e9, atRestart, corpus.entries);
            assertThat(atRestart).as("restarted in the middle").isLessThan(corpus.entries);
            assertExact(tail, corpus, "after the broker's restart");
            assertThat(stack.running(stack.processor)).as("processor still running").isTrue();
            for (String id : List.of(tail.keys.iterator().next(), catalogue.iterator().next())) {
                JsonNode paper = stack.sinkGet("/papers/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
                assertThat(paper).as("GET /papers/%s after the broker restart", id).isNotNull();
                assertThat(paper.path("id").asText()).isEqualTo(id);
            }
        } catch (Throwable t) {
            throw new AssertionError(stack.logs(), t);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A generated corpus and what its generator wrote it holds (expected.json), not what the parser finds. */
    record Corpus(Path dir, long entries, long unique, long duplicates, long pages) {}

    static Corpus generate(String name, int entries, double dupRate, long seed) throws Exception {
        Path dir = tmp.resolve(name);
        int exit = Papers.commandLine().execute("generate", "--entries", String.valueOf(entries), "--dup-rate", String.valueOf(dupRate),
                "--seed", String.valueOf(seed), "--out", dir.toString());
        assertThat(exit).as("papers generate").isZero();
        JsonNode e = new ObjectMapper().readTree(Files.readString(dir.resolve("expected.json")));
        return new Corpus(dir, e.path("entries").asLong(), e.path("unique").asLong(), e.path("duplicates").asLong(), e.path("pages").asLong());
    }

    /** Ingests the corpus (the ingest image, once) and waits until {@code share} of it is committed: when to disrupt. */
    static void ingestUntil(PapersTail tail, Corpus corpus, double share) {
        stack.ingest(corpus.dir);
        long target = (long) (corpus.entries * share);
        await(target + " sightings committed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> tail.poll() >= target);
    }

    /** Every sighting of the corpus committed exactly once, each of its papers present, the sink's totals grown by it. */
    static void assertExact(PapersTail tail, Corpus corpus, String when) {
        awaitCommitted(tail, corpus.entries, "the corpus " + when);
        assertThat(tail.keys).as("papers of the corpus").hasSize((int) corpus.unique);
        assertCatalogueGrewBy(corpus, tail.keys);
    }

    static void awaitCommitted(PapersTail tail, long expected, String what) {
        await("all " + expected + " sightings of " + what + " committed").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> tail.poll() >= expected);
        for (int i = 0; i < 5; i++) tail.poll(); // anything written twice would arrive now
        assertThat(tail.records).as("papers records: one per sighting, none lost, none doubled").isEqualTo(expected);
    }

    /**
     * The sink's totals: the previous ones plus the corpus. A generated title may repeat one of an earlier corpus (the
     * generators share a vocabulary): such a paper is not new, and gains its pages in this corpus without the "- 1" of
     * its first page. The corpus' papers are on sum(pages per paper) = duplicates + unique pages, by expected.json.
     */
    static void assertCatalogueGrewBy(Corpus c, Set<String> ids) {
        long fresh = ids.stream().filter(id -> !catalogue.contains(id)).count();
        JsonNode stats = awaitStats(papers + fresh, sources + c.pages);
        assertThat(stats.path("duplicatesMerged").asLong()).as("duplicates merged (%d papers of the corpus were already there)", c.unique - fresh)
                .isEqualTo(duplicates + c.duplicates + c.unique - fresh);
        assertThat(stats.path("rejects").asLong()).isZero();
        catalogue.addAll(ids);
        remember(stats);
    }

    static JsonNode awaitStats(long expectedPapers, long expectedSources) {
        JsonNode[] last = new JsonNode[1];
        try {
            await("the sink serves " + expectedPapers + " papers from " + expectedSources + " pages").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        JsonNode s = stack.sinkGet("/stats");
                        if (s != null) last[0] = s;
                        return s != null && s.path("papers").asLong() == expectedPapers && s.path("sources").asLong() == expectedSources;
                    });
        } catch (Throwable t) {
            JsonNode l = last[0];
            throw new AssertionError(l == null ? "/stats never answered" : "last /stats: papers " + l.path("papers") + ", sources "
                    + l.path("sources") + ", duplicatesMerged " + l.path("duplicatesMerged") + ", rejects " + l.path("rejects"), t);
        }
        return last[0];
    }

    static void remember(JsonNode stats) {
        papers = stats.path("papers").asLong();
        duplicates = stats.path("duplicatesMerged").asLong();
        sources = stats.path("sources").asLong();
    }

    static void assertFound(String title) {
        JsonNode page = stack.sinkGet("/papers?limit=5&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8));
        assertThat(page).as("search for %s", title).isNotNull();
        assertThat(page.path("items").findValuesAsText("title")).as("search for %s", title).contains(title);
    }
}
