package dev.papers.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import dev.papers.gen.GeneratedCorpus;
import dev.papers.gen.GeneratorOptions;
import dev.papers.gen.PageGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the processor (the real {@code papers processor} in a child JVM) in the middle of a generated corpus
 * of 20,000 entries with duplicates, then a restart on the same state directory: the committed content of
 * {@code papers} is exactly what the pages say — every paper once, duplicate counters exact (exactly-once v2: the
 * records of the transaction cut by the kill are aborted, the restarted instance redoes them from the last commit).
 */
@Tag("slow")
@Timeout(400)
class CrashRecoveryTest {
    static final int ENTRIES = 20_000;
    /** Three quarters repeats: 5,000 papers to tag keeps the test near a minute while the tagger is slow. */
    static final double DUP_RATE = 0.75;

    @Test
    void killMinus9InTheMiddleLosesNothingAndDoublesNothing(@TempDir Path tmp) throws Exception {
        GeneratedCorpus corpus = PageGenerator.generate(new GeneratorOptions(ENTRIES, DUP_RATE, "mixed", 40, 20_240_601L), tmp.resolve("corpus"));
        ExpectedCatalogue expected = ExpectedCatalogue.of(corpus.pages());
        assertThat(expected.sightings).isEqualTo(corpus.entries());
        assertThat(expected.papers).hasSize(corpus.unique());
        assertThat(expected.problems).isEmpty();

        try (EmbeddedKafkaBroker broker = ItSupport.startBroker(tmp.resolve("broker"))) {
            String run = ItSupport.runId();
            String prefix = "crash-" + run + ".";
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix(prefix);
            ItSupport.ensureTopics(cfg, 3, (short) 1);
            // No session timeout tweak: the restarted instance is the same static member (its instance id
            // comes from the state dir) and takes its partitions back without waiting for the dead one's
            // session (45 s by default) to expire.
            String[] args = {"processor", "-b", broker.bootstrapServers(), "--topic-prefix", prefix,
                    "--application-id", "crash-" + run, "--state-dir", tmp.resolve("proc-state").toString(),
                    "--streams-prop", "commit.interval.ms=100", "--streams-prop", "statestore.cache.max.bytes=0",
                    "--health-port", "0"};
            try (TopicTail tail = new TopicTail(cfg)) {
                ChildJvm first = ChildJvm.papers("processor-1", tmp, args);
                try {
                    IngestSummary summary = IngestJob.run(cfg, Sources.discover(List.of(corpus.dir().toString())), new IngestOptions(4096, false));
                    assertThat(summary.pages()).isEqualTo(corpus.pages().size());
                    long middle = expected.sightings * 3 / 10;
                    await("processor-1 is a third of the way").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                            .failFast(() -> !first.isAlive())
                            .until(() -> tail.poll().paperRecords >= middle);
                } catch (Throwable t) {
                    throw new AssertionError(first.logTail(), t);
                } finally {
                    first.kill();
                }
                long atKill = tail.poll().paperRecords;
                System.out.printf("killed processor-1 at %d of %d committed sightings%n", atKill, expected.sightings);
                assertThat(atKill).as("killed in the middle").isLessThan(expected.sightings);

                long restartedAt = System.nanoTime();
                try (ChildJvm second = ChildJvm.papers("processor-2", tmp, args)) {
                    try {
                        await("processor-2 commits new work").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                                .failFast(() -> !second.isAlive())
                                .until(() -> tail.poll().paperRecords > atKill);
                        double resumeS = (System.nanoTime() - restartedAt) / 1e9;
                        System.out.printf("processor-2 committed new records %.1f s after its start (JVM start included)%n", resumeS);
                        // Not a speed goal, a stall check: before static membership this waited out the session (45 s).
                        assertThat(resumeS).as("resumed without waiting out the killed member's session").isLessThan(30);
                        await("all " + expected.sightings + " sightings committed after the restart").atMost(Duration.ofSeconds(300))
                                .pollInterval(Duration.ofMillis(200)).failFast(() -> !second.isAlive())
                                .until(() -> tail.poll().paperRecords >= expected.sightings);
                    } catch (Throwable t) {
                        throw new AssertionError("committed " + tail.paperRecords + "/" + expected.sightings + "\n" + second.logTail(), t);
                    }
                    for (int i = 0; i < 5; i++) tail.poll();
                }
                assertThat(tail.paperRecords).as("committed papers records: one per sighting, none doubled").isEqualTo(expected.sightings);
                assertThat(tail.latest.keySet()).as("no paper lost, none invented").isEqualTo(expected.papers.keySet());
                for (ExpectedCatalogue.Expected e : expected.papers.values()) {
                    Paper p = tail.latest.get(e.merged().id());
                    assertThat(p.duplicates()).as("duplicates of %s", p.title()).isEqualTo(e.duplicates());
                    assertThat(new HashSet<>(p.sources())).as("sources of %s", p.title()).isEqualTo(e.sources());
                    // The title is the first sighting's: which page comes first is up to the partitions, so
                    // compare its normalised form (the identity) and the order-independent merged fields.
                    assertThat(p.normalizedTitle()).isEqualTo(dev.papers.common.Titles.normalize(e.merged().title()));
                    assertThat(p.abstractText().length()).as("longest abstract of %s", p.title()).isEqualTo(e.merged().abstractText().length());
                    assertThat(p.upvotes()).as("upvotes of %s", p.title()).isEqualTo(e.merged().upvotes());
                    assertThat(p.tags()).as("tags of %s", p.title()).isNotNull();
                }
                assertThat(tail.rejects).isEmpty();
            }
        }
    }
}
