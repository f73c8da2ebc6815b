package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Titles;
import dev.papers.common.streams.DeadLetters;
import dev.papers.tagging.Tagger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's health and dead letters on a real broker: /health and /metrics answer; a corrupt record written
 * straight to the repartition topic becomes a dead letter with its origin and the record after it arrives; a
 * stream thread that keeps dying takes the client to ERROR, /health/live says so and {@link ProcessorService#awaitDeath}
 * returns, so the command exits for a supervisor to restart it.
 */
@Timeout(180)
class ProcessorHealthTest {
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    HttpResponse<String> get(ProcessorService svc, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.healthPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static ProcessorOptions options(String run) {
        return ProcessorOptions.defaults().withApplicationId("health-" + run).withStateDir(dir.resolve("state-" + run))
                .withOverrides(Map.of("commit.interval.ms", "100")).withHealth("127.0.0.1", 0);
    }

    static KafkaConsumer<byte[], byte[]> consumer(PapersConfig cfg, String run) {
        Properties cp = cfg.baseClientProperties();
        cp.put("group.id", "verify-" + run);
        cp.put("auto.offset.reset", "earliest");
        cp.put("isolation.level", "read_committed");
        return new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void healthMetricsAndADeadLetterFromTheRealRepartitionTopic() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("health-" + run + ".");
        try (ProcessorService svc = ProcessorService.start(cfg, options(run));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cfg.baseClientProperties(), new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> out = consumer(cfg, run)) {
            await("ready").atMost(Duration.ofSeconds(60)).until(() -> get(svc, "/health/ready").statusCode() == 200);
            assertThat(get(svc, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(svc, "/metrics").body()).contains("kafka_stream");

            String repartition = "health-" + run + "-entries-by-id-repartition";
            Entry good = new Entry("direct.txt", Titles.id("Written After A Corrupt Record"), "Written After A Corrupt Record",
                    "An abstract about robust pipelines.", 2, null, null, null, 5, null);
            producer.send(new ProducerRecord<>(repartition, 0, "corrupt", "{\"title\": [".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(repartition, 0, good.id(), Json.write(good).getBytes(StandardCharsets.UTF_8))).get();

            out.subscribe(List.of(cfg.papersTopic(), cfg.deadLetterTopic()));
            List<ConsumerRecord<byte[], byte[]>> papers = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            await("the dead letter and the next record's paper").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : out.poll(Duration.ofMillis(200))) {
                    (r.topic().equals(cfg.papersTopic()) ? papers : letters).add(r);
                }
                return !papers.isEmpty() && !letters.isEmpty();
            });
            assertThat(Json.read(new String(papers.get(0).value(), StandardCharsets.UTF_8), Paper.class).id()).isEqualTo(good.id());
            ConsumerRecord<byte[], byte[]> d = letters.get(0);
            assertThat(header(d, DeadLetters.H_STAGE)).isEqualTo("deserialize");
            assertThat(header(d, DeadLetters.H_TOPIC)).isEqualTo(repartition);
            assertThat(header(d, DeadLetters.H_PARTITION)).isEqualTo("0");
            assertThat(header(d, DeadLetters.H_OFFSET)).isEqualTo("0");
            assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\": [");
            assertThat(svc.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aThreadThatKeepsDyingMakesTheProcessorNotLive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("dying-" + run + ".");
        // An Error no handler may take (not a bad record): the thread dies on every retry of the same record.
        PapersTopology.TagFunction fatal = (t, a) -> {
            throw new AssertionError("broken build");
        };
        // A replaced thread is a new static member: the dead one keeps its partitions for the session timeout
        // (45 s by default), shortened here so the three deaths come quickly.
        ProcessorOptions opts = options(run).withOverrides(Map.of("commit.interval.ms", "100", "session.timeout.ms", "6000",
                "heartbeat.interval.ms", "1500"));
        try (ProcessorService svc = ProcessorService.start(cfg, opts, fatal);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cfg.baseClientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            await("ready").atMost(Duration.ofSeconds(60)).until(() -> get(svc, "/health/ready").statusCode() == 200);
            producer.send(new ProducerRecord<>(cfg.rawTopic(), "p.txt",
                    "Daily Papers\n\nA Title\n\nAn abstract.\n".getBytes(StandardCharsets.UTF_8))).get();
            assertThat(svc.awaitDeath(Duration.ofSeconds(90))).as("the client died").isTrue();
            assertThat(svc.state()).isIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
            HttpResponse<String> live = get(svc, "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("ERROR");
        }
    }
}
