package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.ids;
import static dev.papers.sink.TestData.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application: each answers for every paper, forwarding to the key's active host; a peer whose
 * HTTP is down yields 503 (retry) naming it; when an instance leaves, the other takes over its partitions.
 */
@Timeout(240)
class TwoInstanceTest {

    private static void awaitList(SinkService sink, List<String> byTitle) {
        await("the restarted sink lists every paper").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            TestData.Resp r = get(sink.baseUrl(), "/papers?q=number&sort=title&limit=500");
            assertThat(r.status()).isEqualTo(200);
            assertThat(ids(r.json().path("items"))).containsExactlyElementsOf(byTitle);
        });
    }

    @Test
    void bothInstancesAnswerForEveryPaper(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("two-" + suffix + "-");
            String appId = "sink-two-" + suffix;
            Map<String, String> overrides = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0",
                    SinkOptions.TOPIC_PARTITIONS, "4");
            List<Paper> papers = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                String id = String.format("q%02d", i);
                papers.add(paper(id, "Paper number " + i + " about models", "Abstract " + i, i, "2024-02-" + (10 + i),
                        "src" + (i % 3), i % 2, "all", i % 2 == 0 ? "even" : "odd"));
            }
            try (SinkService a = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-a"), overrides));
                 SinkService b = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-b"), overrides))) {
                assertThat(a.baseUrl()).isNotEqualTo(b.baseUrl());
                TestData.publish(cfg, papers);
                List<String> expected = papers.stream().map(Paper::id).toList();
                for (SinkService s : List.of(a, b)) {
                    TestData.awaitCatalogue(s.baseUrl(), papers, Duration.ofSeconds(90));
                    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                        assertThat(get(s.baseUrl(), "/health/ready").status()).isEqualTo(200);
                        TestData.Resp r = get(s.baseUrl(), "/papers?limit=500");
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.json().path("total").asInt()).isEqualTo(papers.size());
                        assertThat(ids(r.json().path("items"))).containsExactlyInAnyOrderElementsOf(expected);
                        assertThat(get(s.baseUrl(), "/stats").json().path("papers").asLong()).isEqualTo(papers.size());
                    });
                }
                // partitions really are split: each instance holds some papers locally but not all
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    int localA = 0, localB = 0;
                    for (String id : expected) {
                        if (get(a.internalUrl(), "/internal/paper?id=" + id).status() == 200) localA++;
                        if (get(b.internalUrl(), "/internal/paper?id=" + id).status() == 200) localB++;
                    }
                    assertThat(localA).isPositive().isLessThan(papers.size());
                    assertThat(localA + localB).isEqualTo(papers.size());
                });
                // trends add up every instance's counts, whichever is asked (all 16 were published in February 2024)
                for (SinkService s : List.of(a, b)) {
                    JsonNode t = get(s.baseUrl(), "/trends?by=month&tag=odd&tag=even").json();
                    assertThat(t.path("periods").toString()).isEqualTo("[\"2024-02\"]");
                    assertThat(t.path("total").toString()).isEqualTo("[16]");
                    assertThat(t.path("tags").toString()).isEqualTo(
                            "[{\"tag\":\"odd\",\"total\":8,\"counts\":[8]},{\"tag\":\"even\",\"total\":8,\"counts\":[8]}]");
                }
                for (SinkService s : List.of(a, b)) {
                    for (Paper p : papers) {
                        TestData.Resp r = get(s.baseUrl(), "/papers/" + p.id());
                        assertThat(r.status()).as("%s from %s", p.id(), s.baseUrl()).isEqualTo(200);
                        assertThat(r.json().path("title").asText()).isEqualTo(p.title());
                    }
                    assertThat(get(s.baseUrl(), "/papers/missing").status()).isEqualTo(404);
                    assertThat(get(s.baseUrl(), "/papers?tag=all&tag=even&limit=500").json().path("total").asInt()).isEqualTo(8);
                    assertThat(get(s.baseUrl(), "/tags").json().get(0).path("count").asInt()).isEqualTo(16);
                    assertThat(get(s.baseUrl(), "/papers/q02/similar?limit=50").json().path("items").size()).isEqualTo(15);
                }

                // A peer that holds partitions but whose HTTP is down (crashed, not yet timed out of the group):
                // forwarded key lookups and fan-outs answer 503 + Retry-After naming it (no standby here), never 500/404.
                int deadPort;
                try (ServerSocket s = new ServerSocket(0)) {
                    deadPort = s.getLocalPort();
                }
                String dead = "127.0.0.1:" + deadPort;
                Properties gp = cfg.baseClientProperties();
                gp.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
                gp.put(StreamsConfig.APPLICATION_SERVER_CONFIG, dead);
                gp.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state-ghost").toString());
                gp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
                gp.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
                try (KafkaStreams ghost = new KafkaStreams(SinkTopology.build(cfg), gp)) {
                    ghost.start();
                    await("a key of the dead peer answers 503 on both instances").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                        assertThat(ghost.state()).isEqualTo(KafkaStreams.State.RUNNING);
                        for (SinkService s : List.of(a, b)) {
                            List<Integer> statuses = new ArrayList<>();
                            for (String id : expected) statuses.add(get(s.baseUrl(), "/papers/" + id).status());
                            assertThat(statuses).as("statuses from %s", s.baseUrl()).contains(503, 200).doesNotContain(500, 502, 404);
                        }
                        // inside the wait: a probing rebalance in between answers "not ready" for a moment, also a 503
                        for (String id : expected) {
                            TestData.Resp r = get(a.baseUrl(), "/papers/" + id);
                            if (r.status() != 503) continue;
                            assertThat(r.json().path("error").asText()).contains("unreachable").contains(dead);
                        }
                        for (String path : List.of("/papers?limit=5", "/papers?tag=all", "/tags", "/stats")) {
                            TestData.Resp r = get(a.baseUrl(), path);
                            assertThat(r.status()).as(path).isEqualTo(503);
                            assertThat(r.raw().headers().firstValue("Retry-After")).as(path).isPresent();
                            assertThat(r.json().path("error").asText()).as(path).contains(dead);
                        }
                    });
                    ghost.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(Duration.ofSeconds(15)));
                }
                // Once it has left the group, its partitions move back and every key answers again.
                await("every key answers after the dead peer left").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    for (SinkService s : List.of(a, b)) {
                        for (String id : expected) assertThat(get(s.baseUrl(), "/papers/" + id).status()).isEqualTo(200);
                    }
                });

                // Failover: b closes (leaving the group); a alone holds and answers every paper.
                b.close();
                await("a holds every paper after b left").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    int local = 0;
                    for (String id : expected) if (get(a.internalUrl(), "/internal/paper?id=" + id).status() == 200) local++;
                    assertThat(local).isEqualTo(papers.size());
                    assertThat(get(a.baseUrl(), "/papers?limit=500").json().path("total").asInt()).isEqualTo(papers.size());
                });
                // b's partitions were restored into a's stores without processors: the search index rebuilt them
                assertThat(get(a.baseUrl(), "/papers?tag=all&tag=even&q=models&limit=500").json().path("total").asInt()).isEqualTo(8);
                assertThat(get(a.baseUrl(), "/tags").json().get(0).path("count").asInt()).isEqualTo(16);
            }
            // A restart on the same state dir: a closed cleanly holding all four partitions, so its kept search index
            // serves them again without a rebuild; papers published while it was down are indexed as they arrive.
            List<Paper> more = List.of(paper("q17", "Paper number 17 about models", "Abstract 17", 17, "2024-02-27", "src2", 0, "all", "odd"),
                    paper("q18", "Paper number 18 about models", "Abstract 18", 18, "2024-02-28", "src0", 0, "all", "even"));
            TestData.publish(cfg, more);
            List<Paper> all = new ArrayList<>(papers);
            all.addAll(more);
            List<String> byTitle = all.stream().sorted(Paging.order(QueryService.Sort.TITLE, true)).map(Paper::id).toList();
            try (SinkService again = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-a"), overrides))) {
                awaitList(again, byTitle);
                assertThat(again.search().resumed()).as("partitions served as the last run left them").isEqualTo(4);
                assertThat(again.search().rebuilt()).isZero();
            }
            // Without its stores (restored from the topic: changes the index never saw), every partition is rebuilt.
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(tmp.resolve("state-a").resolve(appId))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            try (SinkService again = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-a"), overrides))) {
                awaitList(again, byTitle);
                assertThat(again.search().rebuilt()).isEqualTo(4);
                assertThat(again.search().resumed()).isZero();
            }
        }
    }
}
