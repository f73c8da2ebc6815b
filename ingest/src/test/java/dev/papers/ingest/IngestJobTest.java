package dev.papers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
    @TempDir
    static Path dataDir;

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void ingestsDemoPagesAsReassemblableChunks() throws Exception {
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("ingest-it-");
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            admin.createTopics(List.of(new NewTopic(cfg.rawTopic(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        List<Sources.Source> sources = Sources.discover(List.of("../demo-data"));
        assertThat(sources).hasSize(4);
        Map<String, String> expected = new HashMap<>();
        long expectedBytes = 0;
        for (Sources.Source s : sources) {
            byte[] raw = Files.readAllBytes(s.path());
            expected.put(s.name(), new String(raw, StandardCharsets.UTF_8));
            expectedBytes += raw.length;
        }

        IngestSummary summary = IngestJob.run(cfg, sources, new IngestOptions(200, false));

        assertThat(summary.pages()).isEqualTo(4);
        assertThat(summary.bytes()).isEqualTo(expectedBytes);
        assertThat(summary.chunks()).isGreaterThan(expectedBytes / 200);
        assertThat(summary.line()).startsWith("ingested 4 pages, " + summary.chunks() + " chunks, " + expectedBytes + " bytes in ");

        Properties cp = cfg.baseClientProperties();
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-it-verify");
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<String, Chunk>> got = new ArrayList<>();
        try (KafkaConsumer<String, Chunk> consumer =
                new KafkaConsumer<>(cp, new StringDeserializer(), Json.serde(Chunk.class).deserializer())) {
            consumer.subscribe(List.of(cfg.rawTopic()));
            await("all " + summary.chunks() + " chunks consumed back from " + cfg.rawTopic())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                        return got.size() >= summary.chunks();
                    });
            // nothing beyond the expected count
            consumer.poll(Duration.ofMillis(500)).forEach(got::add);
        }
        assertThat(got).hasSize((int) summary.chunks());

        Map<String, Map<String, List<Chunk>>> bySourceAndId = new HashMap<>();
        for (ConsumerRecord<String, Chunk> r : got) {
            assertThat(r.key()).isEqualTo(r.value().source());
            bySourceAndId.computeIfAbsent(r.key(), k -> new HashMap<>())
                    .computeIfAbsent(r.value().ingestId(), k -> new ArrayList<>()).add(r.value());
        }
        assertThat(bySourceAndId.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Map<String, List<Chunk>>> e : bySourceAndId.entrySet()) {
            assertThat(e.getValue()).as("ingest ids for %s", e.getKey()).hasSize(1);
            List<Chunk> chunks = e.getValue().values().iterator().next();
            chunks.sort(Comparator.comparingLong(Chunk::seq));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                assertThat(c.seq()).isEqualTo(i);
                assertThat(c.last()).isEqualTo(i == chunks.size() - 1);
                assertThat(c.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
                sb.append(c.text());
            }
            assertThat(sb.toString()).as("reassembled %s", e.getKey()).isEqualTo(expected.get(e.getKey()));
        }
    }

    @Test
    void userPropsWinExceptIdempotenceAndAcks() {
        PapersConfig cfg = PapersConfig.defaults("h:1").withClientProps(Map.of(
                "linger.ms", "50", "acks", "1", "enable.idempotence", "false", "compression.type", "gzip"));
        Properties p = IngestJob.producerProperties(cfg);
        assertThat(p.getProperty("linger.ms")).isEqualTo("50");
        assertThat(p.getProperty("compression.type")).isEqualTo("gzip");
        assertThat(p.getProperty("acks")).isEqualTo("all");
        assertThat(p.getProperty("enable.idempotence")).isEqualTo("true");
        assertThat(p.getProperty("batch.size")).isEqualTo("131072");
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("h:1");
        // bounded waits by default (Kafka's own: 60 s, 30 s, 120 s)
        assertThat(p.getProperty("max.block.ms")).isEqualTo("15000");
        assertThat(p.getProperty("request.timeout.ms")).isEqualTo("10000");
        assertThat(p.getProperty("delivery.timeout.ms")).isEqualTo("30000");
    }

    @Test
    void userTimeoutsWinAndTheDeliveryDefaultMakesRoomForThem() {
        Properties own = IngestJob.producerProperties(PapersConfig.defaults("h:1").withClientProps(Map.of(
                "max.block.ms", "5000", "request.timeout.ms", "2000", "delivery.timeout.ms", "7000")));
        assertThat(own.getProperty("max.block.ms")).isEqualTo("5000");
        assertThat(own.getProperty("request.timeout.ms")).isEqualTo("2000");
        assertThat(own.getProperty("delivery.timeout.ms")).isEqualTo("7000");
        // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms: a longer request timeout alone still works
        Properties longer = IngestJob.producerProperties(PapersConfig.defaults("h:1").withClientProps(Map.of(
                "request.timeout.ms", "45000", "linger.ms", "100")));
        assertThat(longer.getProperty("delivery.timeout.ms")).isEqualTo("45100");
        // and the producer accepts it: the run gets as far as looking for a broker
        PapersConfig noBroker = PapersConfig.defaults("127.0.0.1:1").withClientProps(Map.of(
                "request.timeout.ms", "45000", "linger.ms", "100", "max.block.ms", "1000"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestJob.run(noBroker,
                        List.of(new Sources.Source("stdin", null)), new IngestOptions(64, false)))
                .hasMessageStartingWith("no Kafka broker answered at 127.0.0.1:1 within 1 s; failed to publish stdin");
    }

    @Test
    void invalidClientSettingsAreOneLine() {
        PapersConfig bad = PapersConfig.defaults("127.0.0.1:1").withClientProps(Map.of("linger.ms", "soon"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestJob.run(bad, List.of(), new IngestOptions(64, false)))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("invalid Kafka client settings: ")
                .hasMessageContaining("linger.ms");
    }

    @Test
    void malformedUtf8IsReplaced() {
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xF0, (byte) 0x9F, 'c'};
        assertThat(IngestJob.decode(bad)).startsWith("a\uFFFDb\uFFFD").endsWith("c");
    }
}
