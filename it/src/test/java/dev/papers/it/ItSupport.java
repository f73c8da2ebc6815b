package dev.papers.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared plumbing of the robustness tests: unique names, full topic reads, HTTP. */
final class ItSupport {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Streams settings for prompt output in tests (the notes' measured values). */
    static final Map<String, String> FAST = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0");

    /**
     * Broker settings for a machine shared with other builds: the embedded broker's 2 s session (fast restarts after
     * kill -9) gets a broker fenced when its heartbeats starve under load ("All brokers are currently fenced").
     */
    static final Map<String, String> TOLERANT_BROKER = Map.of("broker.session.timeout.ms", "10000",
            "broker.heartbeat.interval.ms", "1000");

    private ItSupport() {}

    static dev.papers.broker.EmbeddedKafkaBroker startBroker(java.nio.file.Path dir) {
        return dev.papers.broker.EmbeddedKafkaBroker.start(dir, 0, TOLERANT_BROKER);
    }

    /** Creates the pipeline's topics, retrying while a just-started broker is not yet (or briefly no longer) unfenced. */
    static void ensureTopics(PapersConfig cfg, int partitions, short replication) {
        org.awaitility.Awaitility.await("topics " + cfg.papersTopic() + "... created").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    dev.papers.common.TopicSetup.ensureTopics(cfg, partitions, replication);
                    return true;
                });
    }

    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The whole topic from the beginning to its current end, committed records only. */
    static List<ConsumerRecord<String, String>> readAll(PapersConfig cfg, String topic) {
        Properties p = cfg.baseClientProperties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            // read_committed end offsets = last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end " + end);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) out.add(r);
            }
        }
        return out;
    }

    /** Latest value per key of the papers topic (what compaction keeps), tombstones removed. */
    static Map<String, Paper> latestPapers(PapersConfig cfg) {
        Map<String, Paper> m = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(cfg, cfg.papersTopic())) {
            if (r.value() == null) m.remove(r.key());
            else m.put(r.key(), Json.read(r.value(), Paper.class));
        }
        return m;
    }

    static List<Reject> rejects(PapersConfig cfg) {
        return readAll(cfg, cfg.rejectsTopic()).stream().map(r -> Json.read(r.value(), Reject.class))
                .collect(Collectors.toList());
    }

    record Resp(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Resp get(String base, String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return new Resp(r.statusCode(), r.body());
    }
}
