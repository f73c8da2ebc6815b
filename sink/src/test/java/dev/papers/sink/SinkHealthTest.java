package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sink, from healthy to failed: it advertises the host it is told to, reports its consumer lag under the real
 * topic names (a dotted prefix here, which the consumer also reports under a deprecated {@code _} name), and an
 * {@link Error} that kills its stream thread at the same paper every time ends, after the allowed replacements, in
 * ERROR: not live, not ready, and {@link SinkService#failure()} completes (what makes {@code papers sink} exit).
 */
@Timeout(180)
class SinkHealthTest {

    @Test
    void healthTellsTheTruthFromRunningToError(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("health." + suffix + ".");
            Map<String, String> overrides = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0",
                    SinkOptions.THREAD_REPLACEMENTS, "1");
            SinkOptions opts = new SinkOptions("sink-health-" + suffix, "127.0.0.1", 0, tmp.resolve("state"), overrides)
                    .withAdvertisedHost("localhost");
            List<Paper> papers = List.of(paper("h01", "Healthy Paper", "Fine.", 3, "2024-03-01", "s1", 0, "llm"),
                    paper("h02", "Another Healthy Paper", "Fine too.", 4, "2024-03-02", "s1", 0, "llm"));
            try (SinkService sink = SinkService.start(cfg, opts)) {
                String base = sink.baseUrl();
                TestData.publish(cfg, papers);
                TestData.awaitCatalogue(base, papers, Duration.ofSeconds(60));

                // 5. the others are told to call advertisedHost:internalPort
                int internalPort = Integer.parseInt(sink.internalUrl().substring(sink.internalUrl().lastIndexOf(':') + 1));
                List<String> advertised = new ArrayList<>();
                for (StreamsMetadata md : sink.streams().metadataForAllStreamsClients()) advertised.add(md.hostInfo().host() + ":" + md.hostInfo().port());
                assertThat(advertised).containsExactly("localhost:" + internalPort);
                assertThat(get(base, "/papers/h01").status()).isEqualTo(200); // the key's owner is recognised as itself

                JsonNode live = get(base, "/health/live").json();
                assertThat(live.path("status").asText()).isEqualTo("UP");
                assertThat(live.path("streams").asText()).isEqualTo("RUNNING");
                assertThat(get(base, "/health/ready").status()).isEqualTo(200);

                // 7. lag under the real topic names only, known and zero once everything is read
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode lag = get(base, "/stats").json().path("consumerLag");
                    assertThat(lag.path(cfg.papersTopic()).isIntegralNumber()).isTrue();
                    assertThat(lag.path(cfg.papersTopic()).asLong()).isZero();
                    List<String> topics = new ArrayList<>();
                    lag.fieldNames().forEachRemaining(topics::add);
                    assertThat(topics).allMatch(t -> t.startsWith("health." + suffix + ".") || t.startsWith("sink-health-" + suffix + "-"));
                    assertThat(topics).doesNotContain(cfg.papersTopic().replace('.', '_'));
                });

                // A failure no exception handler takes (an Error, not one of the per-record ones the indexer turns into
                // a dead letter) while one paper is indexed: the thread dies, its replacement retries the same paper
                // (its offset was not committed) and dies too. A record the index cannot take is a dead letter instead
                // (SinkDeadLetterTest).
                Paper fatal = paper("h03", "Fatal Paper", "Indexing it fails the thread.", 1, "2024-03-03", "s1", 0, "llm");
                AtomicInteger attempts = new AtomicInteger();
                sink.search().beforeIndexing(id -> {
                    if (id.equals(fatal.id())) {
                        attempts.incrementAndGet();
                        throw new InjectedError("injected failure indexing " + id);
                    }
                });
                TestData.publish(cfg, List.of(fatal));
                String reason = sink.failure().toCompletableFuture().get(90, TimeUnit.SECONDS);
                assertThat(reason).endsWith("to ERROR");
                assertThat(attempts.get()).isEqualTo(2); // the first thread and its one allowed replacement
                assertThat(sink.streamsState()).isEqualTo(KafkaStreams.State.ERROR);
                TestData.Resp down = get(base, "/health/live");
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
                assertThat(down.json().path("streams").asText()).isEqualTo("ERROR");
                TestData.Resp notReady = get(base, "/health/ready");
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().path("streams").asText()).isEqualTo("ERROR");
                assertThat(get(base, "/papers").status()).isEqualTo(503);
                assertThat(sink.live()).isFalse();
                assertThat(sink.ready()).isFalse();
            }
        }
    }

    /** Stands for a failure of the JVM or of a library's invariants: nothing but the thread's death handles it. */
    private static final class InjectedError extends Error {
        InjectedError(String message) {
            super(message);
        }
    }
}
