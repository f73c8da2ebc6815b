package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member of the application whose internal listener accepts connections and never answers (a loopback socket
 * nobody reads, advertised by a bare Kafka Streams instance that holds partitions): every fan-out answers 503 naming
 * it within the peer deadline, requests beyond the per-peer bound are refused at once, and meanwhile the requests
 * that do not need it (health, a key this sink owns) keep being answered quickly.
 */
@Timeout(240)
class SlowPeerTest {
    static final long DEADLINE_MS = 1500;
    static final int STORM = 40;

    @Test
    void aSilentPeerCostsEachRequestAtMostTheDeadline(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0);
             ServerSocket silent = new ServerSocket(0, 500, InetAddress.getLoopbackAddress())) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("slow-" + suffix + "-");
            String appId = "sink-slow-" + suffix;
            Map<String, String> overrides = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0",
                    SinkOptions.TOPIC_PARTITIONS, "4", SinkOptions.PEER_TIMEOUT_MS, "" + DEADLINE_MS, SinkOptions.PEER_MAX_IN_FLIGHT, "4");
            List<Paper> papers = new ArrayList<>();
            for (int i = 1; i <= 16; i++) papers.add(paper(String.format("s%02d", i), "Slow peer paper " + i, "Abstract " + i, i, "2024-04-01", "src", 0, "all"));
            String peer = "127.0.0.1:" + silent.getLocalPort();
            try (SinkService a = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-a"), overrides))) {
                String base = a.baseUrl();
                TestData.publish(cfg, papers);
                TestData.awaitCatalogue(base, papers, Duration.ofSeconds(60));

                Properties gp = cfg.baseClientProperties();
                gp.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
                gp.put(StreamsConfig.APPLICATION_SERVER_CONFIG, peer);
                gp.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state-silent").toString());
                gp.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
                try (KafkaStreams silentPeer = new KafkaStreams(SinkTopology.build(cfg), gp)) {
                    silentPeer.start();
                    await("the silent peer holds partitions").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                        assertThat(silentPeer.state()).isEqualTo(KafkaStreams.State.RUNNING);
                        assertThat(get(base, "/health/ready").status()).isEqualTo(200);
                        assertThat(get(base, "/papers?limit=5").body()).contains(peer);
                    });
                    String ownId = null;
                    for (Paper p : papers) {
                        if (get(a.internalUrl(), "/internal/paper?id=" + p.id()).status() == 200) ownId = p.id();
                    }
                    assertThat(ownId).as("a key this sink owns").isNotNull();

                    // The storm: many fan-outs at once, while a prober asks for what does not need the silent peer.
                    AtomicBoolean storming = new AtomicBoolean(true);
                    AtomicLong probeMaxMs = new AtomicLong();
                    AtomicInteger probes = new AtomicInteger(), probeFailures = new AtomicInteger();
                    String own = ownId;
                    Thread prober = new Thread(() -> {
                        while (storming.get()) {
                            for (String path : List.of("/health/live", "/papers/" + own)) {
                                long t = System.nanoTime();
                                int status = get(base, path).status();
                                probeMaxMs.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                                probes.incrementAndGet();
                                if (status != 200) probeFailures.incrementAndGet();
                            }
                        }
                    }, "prober");
                    ExecutorService pool = Executors.newFixedThreadPool(STORM);
                    List<Future<long[]>> storm = new ArrayList<>();
                    List<TestData.Resp> answers = java.util.Collections.synchronizedList(new ArrayList<>());
                    try {
                        prober.start();
                        for (int i = 0; i < STORM; i++) {
                            storm.add(pool.submit(() -> {
                                long t = System.nanoTime();
                                TestData.Resp r = get(base, "/papers?limit=5");
                                answers.add(r);
                                return new long[] {r.status(), (System.nanoTime() - t) / 1_000_000};
                            }));
                        }
                        long maxMs = 0;
                        for (Future<long[]> f : storm) {
                            long[] r = f.get();
                            assertThat(r[0]).isEqualTo(503);
                            maxMs = Math.max(maxMs, r[1]);
                        }
                        assertThat(maxMs).as("slowest fan-out, ms").isLessThan(DEADLINE_MS + 2000);
                    } finally {
                        storming.set(false);
                        prober.join(30_000);
                        pool.shutdownNow();
                    }
                    for (TestData.Resp r : answers) {
                        assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
                        assertThat(r.json().path("error").asText()).contains("peer " + peer);
                    }
                    assertThat(answers).anySatisfy(r -> assertThat(r.json().path("error").asText()).contains("no answer within " + DEADLINE_MS + " ms"));
                    assertThat(answers).anySatisfy(r -> assertThat(r.json().path("error").asText()).contains("4 requests already waiting for it"));
                    assertThat(probes.get()).isPositive();
                    assertThat(probeFailures.get()).isZero();
                    assertThat(probeMaxMs.get()).as("slowest probe, ms").isLessThan(1000);

                    silentPeer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(Duration.ofSeconds(15)));
                }
                await("answers again once the silent peer left").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        assertThat(get(base, "/papers?limit=500").json().path("total").asInt()).isEqualTo(papers.size()));
            }
        }
    }
}
