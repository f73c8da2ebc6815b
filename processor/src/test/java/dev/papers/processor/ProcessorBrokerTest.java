package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import dev.papers.common.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a real embedded broker with 3 partitions and exactly-once: the compacted view of `papers`
 * (latest value per key) equals what the TopologyTestDriver computes from the same chunks, and a bad record
 * in between becomes a reject without losing anything.
 */
@Timeout(180)
class ProcessorBrokerTest {
    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    /** firstSeen/lastSeen are record timestamps: equal inputs, equal catalogue apart from them. */
    static Paper withoutTimes(Paper p) {
        return new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(), p.organization(),
                p.publishedText(), p.published(), p.upvotes(), p.pageDate(), p.arxivId(), p.sources(), p.tags(), 0, 0, p.duplicates());
    }

    @Test
    void brokerRunMatchesTheDriverRun() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("proc-" + run + ".");
        TopicSetup.ensureTopics(cfg, 3, (short) 1);

        // Expected: the driver, fed the same pages in the same chunks.
        PapersTopologyTest driverRun = new PapersTopologyTest();
        driverRun.setUp();
        List<String> names = PapersTopologyTest.seedNames();
        for (String n : names) driverRun.send(n, PapersTopologyTest.page(n), 300);
        Map<String, Paper> expected = new HashMap<>();
        driverRun.papers.readKeyValuesToList().forEach(kv -> expected.put(kv.key, withoutTimes(kv.value)));
        driverRun.tearDown();

        Properties pp = cfg.baseClientProperties();
        pp.put("enable.idempotence", "true");
        pp.put("acks", "all");
        try (ProcessorService svc = ProcessorService.start(cfg, ProcessorOptions.defaults().withApplicationId("proc-" + run)
                .withStateDir(dir.resolve("state-" + run)).withOverrides(Map.of("commit.interval.ms", "100")));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            await("processor RUNNING").atMost(Duration.ofSeconds(60)).until(() -> svc.state() == KafkaStreams.State.RUNNING);
            Properties cp = cfg.baseClientProperties();
            cp.put("group.id", "verify-" + run);
            cp.put("auto.offset.reset", "earliest");
            cp.put("isolation.level", "read_committed");
            Map<String, Paper> actual = new HashMap<>();
            int[] counts = {0, 0}; // papers records, rejects
            try (KafkaConsumer<String, String> out = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
                out.subscribe(List.of(cfg.papersTopic(), cfg.rejectsTopic()));
                int sightings = 0;
                for (String n : names) {
                    String text = PapersTopologyTest.page(n);
                    String ingestId = UUID.randomUUID().toString();
                    int seq = 0;
                    for (int i = 0; i < text.length(); i += 300, seq++) {
                        String part = text.substring(i, Math.min(text.length(), i + 300));
                        Chunk c = new Chunk(n, ingestId, seq, i + 300 >= text.length(), part);
                        producer.send(new ProducerRecord<>(cfg.rawTopic(), n, Json.write(c).getBytes(StandardCharsets.UTF_8)));
                    }
                    // A broken record between pages must not stop anything.
                    producer.send(new ProducerRecord<>(cfg.rawTopic(), "junk-" + n, "{not json".getBytes(StandardCharsets.UTF_8)));
                    producer.flush();
                    // Pages go in one after the other so "first sighting" is the same as in the driver run;
                    // within a page the 3 partitions of the repartition topic still interleave freely.
                    sightings += dev.papers.parse.ListingParser.parseAll(n, text).entries().size();
                    int want = sightings;
                    await("all sightings of " + n + " processed").atMost(Duration.ofSeconds(90)).until(() -> {
                        for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(200))) {
                            if (r.topic().equals(cfg.rejectsTopic())) {
                                Reject rj = Json.read(r.value(), Reject.class);
                                assertThat(rj.source()).startsWith("junk-"); // a plain value is a page: this one parses to nothing
                                assertThat(rj.reason()).isNotBlank();
                                counts[1]++;
                            } else {
                                actual.put(r.key(), withoutTimes(Json.read(r.value(), Paper.class)));
                                counts[0]++;
                            }
                        }
                        return counts[0] >= want;
                    });
                }
                await("one reject per junk record").atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(cfg.rejectsTopic())) counts[1]++;
                    }
                    return counts[1] == names.size();
                });
                assertThat(counts[0]).as("exactly one papers record per sighting (exactly-once)").isEqualTo(sightings);
            }
            assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
        }
    }
}
