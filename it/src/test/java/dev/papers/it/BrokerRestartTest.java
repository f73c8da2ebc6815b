package dev.papers.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is stopped and started again (same data directory, same port) while an ingest run is in the middle
 * of its pages: the ingest retries and reports success, the processor rides through, and every sighting arrives
 * exactly once. Then, with the broker gone for good, an ingest fails within its timeout with a message that says
 * which page could not be published.
 *
 * <p>To be sure the ingest really is mid-way, one of its pages is a named pipe: the ingest blocks reading it after
 * the pages before it are published, the broker stops, the pipe is filled, and the rest goes out to a broker that
 * is down until it comes back.
 */
@Timeout(300)
class BrokerRestartTest {

    @Test
    void ingestRidesThroughABrokerRestartAndNothingIsLost(@TempDir Path tmp) throws Exception {
        List<Path> seeds;
        try (Stream<Path> s = Files.list(Path.of("..", "demo-data"))) {
            seeds = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        Path dir = Files.createDirectories(tmp.resolve("pages"));
        List<Path> before = new ArrayList<>();
        List<Path> after = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (Path seed : seeds) {
                Path p = Files.copy(seed, dir.resolve("copy" + copy + "-" + seed.getFileName()));
                (copy < 2 ? before : after).add(p);
            }
        }
        Path pipe = dir.resolve("pipe-" + seeds.get(0).getFileName());
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        byte[] pipeContent = Files.readAllBytes(seeds.get(0));

        ExpectedCatalogue first = ExpectedCatalogue.of(before);
        ExpectedCatalogue all = ExpectedCatalogue.of(before);
        all.add(pipe.getFileName().toString(), pipeContent);
        for (Path p : after) all.add(p.getFileName().toString(), Files.readAllBytes(p));

        Path brokerDir = tmp.resolve("broker");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir, 0, ItSupport.TOLERANT_BROKER);
        int port = broker.port();
        String run = ItSupport.runId();
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("restart-" + run + ".");
        ItSupport.ensureTopics(cfg, 3, (short) 1);
        try (ProcessorService processor = ProcessorService.start(cfg, ProcessorOptions.defaults()
                     .withApplicationId("restart-" + run).withStateDir(tmp.resolve("proc")).withOverrides(ItSupport.FAST));
             TopicTail tail = new TopicTail(cfg)) {
            List<Sources.Source> sources = new ArrayList<>();
            before.forEach(p -> sources.add(new Sources.Source(p.getFileName().toString(), p)));
            sources.add(new Sources.Source(pipe.getFileName().toString(), pipe));
            after.forEach(p -> sources.add(new Sources.Source(p.getFileName().toString(), p)));
            CompletableFuture<IngestSummary> ingest = CompletableFuture.supplyAsync(() -> {
                try {
                    return IngestJob.run(cfg, sources, new IngestOptions(1024, false));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });

            await("pages before the pipe processed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tail.poll().paperRecords >= first.sightings);
            assertThat(ingest).as("ingest waits on the pipe").isNotDone();

            broker.close();
            // The rest of the pages goes out while the broker is down.
            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write(pipeContent);
            }
            broker = EmbeddedKafkaBroker.start(brokerDir, port, ItSupport.TOLERANT_BROKER);
            assertThat(broker.port()).isEqualTo(port);

            IngestSummary summary = ingest.get(180, TimeUnit.SECONDS);
            assertThat(summary.pages()).isEqualTo(sources.size());

            await("every sighting after the restart").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tail.poll().paperRecords >= all.sightings);
            for (int i = 0; i < 5; i++) tail.poll();
            assertThat(tail.paperRecords).as("one papers record per sighting").isEqualTo(all.sightings);
            Map<String, Integer> dups = new HashMap<>();
            tail.latest.forEach((id, p) -> dups.put(id, p.duplicates()));
            Map<String, Integer> wantDups = new HashMap<>();
            all.papers.forEach((id, e) -> wantDups.put(id, e.duplicates()));
            assertThat(dups).isEqualTo(wantDups);
            for (Paper p : tail.latest.values()) {
                assertThat(p.sources()).containsExactlyInAnyOrderElementsOf(all.papers.get(p.id()).sources());
            }
            assertThat(tail.rejects).isEmpty();
            assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            broker.close();
        }

        // The broker is gone for good: an ingest fails clearly, within its client timeouts, instead of hanging.
        // One chunk only: IngestJob checks for a failed send between pages, and each further chunk of the page would
        // wait max.block.ms for metadata again (reported: a many-chunk page takes chunks x max.block.ms to fail).
        PapersConfig dead = cfg.withClientProps(Map.of("max.block.ms", "3000", "delivery.timeout.ms", "5000",
                "request.timeout.ms", "2000", "linger.ms", "0"));
        Path small = Files.writeString(dir.resolve("small.txt"), "Daily Papers\n\nA Title\n\nIts abstract.\n");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> IngestJob.run(dead, List.of(new Sources.Source("small.txt", small)), new IngestOptions(65536, false)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed to publish")
                .hasMessageContaining("small.txt");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
    }
}
