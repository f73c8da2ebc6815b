package dev.papers.it;

import static dev.papers.it.ItSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaCluster;
import dev.papers.common.PapersConfig;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.Sources;
import dev.papers.gen.GeneratedCorpus;
import dev.papers.gen.GeneratorOptions;
import dev.papers.gen.PageGenerator;
import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on loopback, as in the README's "Scaling out": a 3-node KRaft cluster (replication factor 3,
 * min.insync.replicas 2), two processor instances and two sink instances of one application each, with one standby
 * replica. One processor and one sink are real {@code papers} child JVMs and get kill -9: the survivors take their
 * partitions over, queries keep being answered (after at most a short not-ready window), and pages ingested after the
 * kill are processed and served too, with exact counters.
 */
@Tag("slow")
@Timeout(420)
class ScaleOutTest {
    /** Longest acceptable stretch of not-ready answers while the survivors take over. */
    static final Duration MAX_WINDOW = Duration.ofSeconds(60);

    @Test
    void survivorsTakeOverAndEveryQueryKeepsAnswering(@TempDir Path tmp) throws Exception {
        List<Path> seeds;
        try (Stream<Path> s = Files.list(Path.of("..", "demo-data"))) {
            seeds = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        GeneratedCorpus later = PageGenerator.generate(new GeneratorOptions(1_500, 0.3, "mixed", 6, 4242L), tmp.resolve("later"));
        ExpectedCatalogue first = ExpectedCatalogue.of(seeds);
        ExpectedCatalogue all = ExpectedCatalogue.of(seeds);
        for (Path p : later.pages()) all.add(p.getFileName().toString(), Files.readAllBytes(p));

        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(tmp.resolve("cluster"), 3, ItSupport.TOLERANT_BROKER)) {
            String run = ItSupport.runId();
            String prefix = "scale-" + run + ".";
            String bootstrap = cluster.bootstrapServers();
            PapersConfig cfg = PapersConfig.defaults(bootstrap).withTopicPrefix(prefix);
            // The services would create the topics with the brokers' default replication (3 here); create them first anyway, explicitly.
            ItSupport.ensureTopics(cfg, 4, (short) 3);
            Map<String, String> streamsProps = new HashMap<>(ItSupport.FAST);
            streamsProps.put("replication.factor", "3");
            streamsProps.put("num.standby.replicas", "1");
            streamsProps.put("session.timeout.ms", "6000");
            streamsProps.put("heartbeat.interval.ms", "1500");
            List<String> propArgs = new ArrayList<>();
            streamsProps.forEach((k, v) -> propArgs.addAll(List.of("--streams-prop", k + "=" + v)));

            String procApp = "scale-proc-" + run;
            String sinkApp = "scale-sink-" + run;
            int sinkBPort = freePort();
            int sinkBInternal = freePort();
            List<String> procB = new ArrayList<>(List.of("processor", "-b", bootstrap, "--topic-prefix", prefix,
                    "--application-id", procApp, "--state-dir", tmp.resolve("proc-b").toString(), "--partitions", "4",
                    "--health-port", "0"));
            procB.addAll(propArgs);
            List<String> sinkB = new ArrayList<>(List.of("sink", "-b", bootstrap, "--topic-prefix", prefix,
                    "--application-id", sinkApp, "--state-dir", tmp.resolve("sink-b").toString(),
                    "--http-host", "127.0.0.1", "--http-port", Integer.toString(sinkBPort),
                    "--internal-port", Integer.toString(sinkBInternal)));
            sinkB.addAll(propArgs);

            ChildJvm processorB = ChildJvm.papers("processor-b", tmp, procB.toArray(String[]::new));
            ChildJvm sinkBJvm = ChildJvm.papers("sink-b", tmp, sinkB.toArray(String[]::new));
            try (ProcessorService processorA = ProcessorService.start(cfg, ProcessorOptions.defaults().withApplicationId(procApp)
                         .withStateDir(tmp.resolve("proc-a")).withOverrides(streamsProps));
                 SinkService sinkA = SinkService.start(cfg, new SinkOptions(sinkApp, "127.0.0.1", 0, tmp.resolve("sink-a"), streamsProps));
                 TopicTail tail = new TopicTail(cfg)) {
                String a = sinkA.baseUrl();
                String b = "http://127.0.0.1:" + sinkBPort;
                IngestJob.run(cfg, Sources.discover(seeds.stream().map(Path::toString).toList()), new IngestOptions(2048, false));
                int unique1 = first.papers.size();
                try {
                    for (String base : List.of(a, b)) {
                        await("sink " + base + " serves all " + unique1 + " papers").atMost(Duration.ofSeconds(180))
                                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().failFast(() -> !sinkBJvm.isAlive() || !processorB.isAlive())
                                .untilAsserted(() -> {
                                    assertThat(get(base, "/health/ready").status()).isEqualTo(200);
                                    assertThat(get(base, "/stats").json().path("papers").asInt()).isEqualTo(unique1);
                                });
                    }
                    // Both sinks hold a share of the partitions, so queries to A really are forwarded to B.
                    await("partitions split between the sinks").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                            assertThat(get("http://127.0.0.1:" + sinkBInternal, "/internal/stats").json().path("papers").asInt()).isStrictlyBetween(0, unique1));
                } catch (Throwable t) {
                    throw new AssertionError(processorB.logTail() + "\n" + sinkBJvm.logTail(), t);
                }

                // Queries against the survivor, all the time, from before the kill to the end.
                List<String> ids = new ArrayList<>(first.papers.keySet());
                Prober prober = new Prober(a, ids);
                Thread probe = new Thread(prober, "prober");
                probe.start();
                await("prober running").atMost(Duration.ofSeconds(30)).until(() -> prober.ok.get() > 20);

                processorB.kill();
                sinkBJvm.kill();
                long killedAt = System.nanoTime();

                // Pages after the kill: only the survivors can process and serve them.
                IngestJob.run(cfg, Sources.discover(List.of(later.dir().toString())), new IngestOptions(2048, false));
                int uniqueAll = all.papers.size();
                await("survivor serves all " + uniqueAll + " papers").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().untilAsserted(() -> {
                            assertThat(get(a, "/stats").json().path("papers").asInt()).isEqualTo(uniqueAll);
                            assertThat(get(a, "/health/ready").status()).isEqualTo(200);
                        });
                long steadyAt = System.nanoTime();
                // Let the prober see the steady state for a while, then stop it.
                long okBefore = prober.ok.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> prober.ok.get() > okBefore + 2L * ids.size());
                prober.stop.set(true);
                probe.join(30_000);

                // Keys the survivor owned answer 200 throughout; the dead instance's keys answer 200 from the standby
                // copy or 503 (retry) until the survivor owns them: the window is from the first to the last 503.
                Duration window = Duration.ofNanos(prober.lastNotOkNanos.get() - prober.firstNotOkNanos.get());
                System.out.printf("prober: statuses %s, not-ready window %d ms (longest run of consecutive failures %d ms)%n",
                        prober.statuses, window.toMillis(), prober.longestWindowNanos.get() / 1_000_000);
                assertThat(window).as("not-ready window (statuses %s)", prober.statuses).isLessThan(MAX_WINDOW);
                assertThat(prober.statuses.keySet()).as("statuses seen by the prober: %s", prober.statuses)
                        .allSatisfy(s -> assertThat(s).isIn(200, 503));
                assertThat(Duration.ofNanos(prober.longestWindowNanos.get())).as("longest not-ready window (statuses %s)", prober.statuses)
                        .isLessThan(MAX_WINDOW);
                assertThat(prober.lastNotOkNanos.get()).as("a failed answer after the survivor served everything").isLessThan(steadyAt);
                assertThat(prober.lastNotOkNanos.get() == 0 || prober.lastNotOkNanos.get() - killedAt < MAX_WINDOW.toNanos())
                        .as("no not-ready answer long after the kill").isTrue();

                // Complete: every paper once over pagination, and the topic's counters exact.
                Set<String> seen = new HashSet<>();
                String cursor = null;
                do {
                    var page = get(a, "/papers?limit=500" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
                    page.path("items").forEach(p -> assertThat(seen.add(p.path("id").asText())).isTrue());
                    cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
                } while (cursor != null);
                assertThat(seen).isEqualTo(all.papers.keySet());
                await("all sightings committed").atMost(Duration.ofSeconds(60)).until(() -> tail.poll().paperRecords >= all.sightings);
                for (int i = 0; i < 3; i++) tail.poll();
                assertThat(tail.paperRecords).as("one papers record per sighting across the kill").isEqualTo(all.sightings);
                Map<String, Integer> dups = new TreeMap<>();
                Map<String, Integer> want = new TreeMap<>();
                tail.latest.forEach((id, p) -> dups.put(id, p.duplicates()));
                all.papers.forEach((id, e) -> want.put(id, e.duplicates()));
                assertThat(dups).isEqualTo(want);
                assertThat(processorA.state()).isEqualTo(KafkaStreams.State.RUNNING);
            } finally {
                processorB.close();
                sinkBJvm.close();
            }
        }
    }

    /** Asks the survivor for every paper in turn; remembers statuses and the longest run of failed answers. */
    static final class Prober implements Runnable {
        final String base;
        final List<String> ids;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicLong longestWindowNanos = new AtomicLong();
        final AtomicLong lastNotOkNanos = new AtomicLong();
        final AtomicLong firstNotOkNanos = new AtomicLong();

        Prober(String base, List<String> ids) {
            this.base = base;
            this.ids = ids;
        }

        @Override
        public void run() {
            long windowStart = 0;
            for (int i = 0; !stop.get(); i++) {
                String path = i % 10 == 9 ? "/stats" : "/papers/" + ids.get(i % ids.size());
                int status;
                try {
                    status = get(base, path).status();
                } catch (Exception e) {
                    status = -1;
                }
                statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                long now = System.nanoTime();
                if (status == 200) {
                    ok.incrementAndGet();
                    if (windowStart != 0) longestWindowNanos.accumulateAndGet(now - windowStart, Math::max);
                    windowStart = 0;
                } else {
                    lastNotOkNanos.set(now);
                    firstNotOkNanos.compareAndSet(0, now);
                    if (windowStart == 0) windowStart = now;
                }
            }
            if (windowStart != 0) longestWindowNanos.accumulateAndGet(System.nanoTime() - windowStart, Math::max);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
