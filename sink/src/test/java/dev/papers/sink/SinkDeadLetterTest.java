package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.ids;
import static dev.papers.sink.TestData.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.streams.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any producer may write to the papers topic: records the search index cannot take (an id and a tag over Lucene's
 * 32,766-byte term limit, a value that is not JSON, a paper replaced by one) are dead letters with their reason and
 * origin, every good paper around them is served, and no stream thread dies (no replacement is allowed here, so a
 * dead thread would be ERROR). A second sink, restoring the same store (bad records included) from the topic, rebuilds
 * its index past them.
 */
@Timeout(240)
class SinkDeadLetterTest {
    private static final String LONG = "z".repeat(40_000);

    @Test
    void recordsTheIndexCannotTakeAreDeadLettersAndTheRestIsServed(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("dlq." + suffix + ".");
            String appId = "sink-dlq-" + suffix;
            Map<String, String> overrides = Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0",
                    SinkOptions.THREAD_REPLACEMENTS, "0");
            List<Paper> good = List.of(
                    paper("g01", "Good Paper One", "Transformers for text.", 9, "2024-04-01", "s1", 0, "llm"),
                    paper("g02", "Good Paper Two", "Diffusion for images.", 8, "2024-04-02", "s1", 0, "vision"),
                    paper("g03", "Good Paper Three", "Agents and rewards.", 7, "2024-04-03", "s1", 0, "rl", "llm"),
                    paper("g04", "Good Paper Four", "Graphs at scale.", 6, "2024-04-04", "s2", 0, "graphs"));
            Paper longId = paper(LONG, "Long Id Paper", "Its id is over the term limit.", 5, "2024-04-05", "s1", 0, "llm");
            Paper longTag = paper("t01", "Long Tag Paper", "One tag is over the term limit.", 5, "2024-04-05", "s1", 0, "llm", LONG);
            Paper replaced = paper("u01", "Replaced Paper", "Indexed, then overwritten with garbage.", 4, "2024-04-06", "s1", 0, "llm");
            String notJson = "this is {not JSON";
            Map<String, RecordMetadata> bad = new LinkedHashMap<>(); // each bad record's origin, as the broker acknowledged it

            try (SinkService sink = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-1"), overrides))) {
                String base = sink.baseUrl();
                // u01 is served first, so its later garbage must take it out of the lists, not leave it there stale.
                TestData.publish(cfg, List.of(replaced));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(ids(get(base, "/papers?tag=llm").json().path("items"))).containsExactly("u01"));

                // The bad records between good ones.
                try (KafkaProducer<String, String> producer = TestData.producer(cfg)) {
                    send(producer, cfg, good.get(0));
                    send(producer, cfg, good.get(1));
                    bad.put("long id", send(producer, cfg, longId));
                    bad.put("not JSON", producer.send(new ProducerRecord<>(cfg.papersTopic(), "n01", notJson)).get());
                    bad.put("long tag", send(producer, cfg, longTag));
                    bad.put("replaced", producer.send(new ProducerRecord<>(cfg.papersTopic(), "u01", notJson)).get());
                    send(producer, cfg, good.get(2));
                    send(producer, cfg, good.get(3));
                }

                List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLetters(cfg, bad.size());
                Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> d : letters) {
                    assertThat(header(d, DeadLetters.H_TOPIC)).isEqualTo(cfg.papersTopic());
                    assertThat(header(d, DeadLetters.H_STAGE)).isEqualTo("process");
                    assertThat(header(d, DeadLetters.H_NODE)).isEqualTo("index-papers-for-search");
                    byOrigin.put(header(d, DeadLetters.H_PARTITION) + "@" + header(d, DeadLetters.H_OFFSET), d);
                }
                Map<String, ConsumerRecord<byte[], byte[]>> letterOf = new HashMap<>();
                bad.forEach((what, md) -> letterOf.put(what, byOrigin.get(md.partition() + "@" + md.offset())));
                assertThat(letterOf).doesNotContainValue(null).hasSize(bad.size());

                ConsumerRecord<byte[], byte[]> d = letterOf.get("long id");
                assertThat(header(d, DeadLetters.H_REASON)).contains("40000 bytes").contains("term limit");
                // The key (40,000 bytes) is under the 64 KiB sample bound, the value (its id twice, as id and in the
                // organisation) over it: its first 64 KiB, with the whole size in a header.
                assertThat(Arrays.equals(d.key(), LONG.getBytes(StandardCharsets.UTF_8))).as("the whole key").isTrue();
                byte[] value = Json.write(longId).getBytes(StandardCharsets.UTF_8);
                assertThat(value.length).isGreaterThan(64 * 1024);
                assertThat(d.value().length).isEqualTo(64 * 1024);
                assertThat(Arrays.equals(d.value(), Arrays.copyOf(value, 64 * 1024))).as("the value's first 64 KiB").isTrue();
                assertThat(header(d, DeadLetters.H_VALUE_BYTES)).isEqualTo(String.valueOf(value.length));
                assertThat(header(letterOf.get("long tag"), DeadLetters.H_REASON)).contains("t01").contains("a tag is 40000 bytes");
                for (String what : List.of("not JSON", "replaced")) {
                    assertThat(header(letterOf.get(what), DeadLetters.H_REASON)).contains("not a paper");
                    assertThat(new String(letterOf.get(what).value(), StandardCharsets.UTF_8)).isEqualTo(notJson);
                }

                assertServed(base, good);
                assertThat(get(base, "/papers/u01").status()).isEqualTo(404); // the store holds no paper under it now
                assertThat(sink.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
            }

            // A second sink (the same group, an empty state dir): the store is restored from the topic, bad values
            // included, and each partition's index is rebuilt from it past them; nothing new is dead-lettered.
            try (SinkService again = SinkService.start(cfg, new SinkOptions(appId, "127.0.0.1", 0, tmp.resolve("state-2"), overrides))) {
                String base = again.baseUrl();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(base, "/health/ready").status()).isEqualTo(200));
                assertServed(base, good);
                assertThat(again.search().size()).isEqualTo(good.size());
                assertThat(readDeadLetters(cfg, Duration.ofSeconds(2))).hasSize(bad.size());
                assertThat(again.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    /** Every good paper by id, in the list and under its tags, no other; and the sink is live. */
    private static void assertServed(String base, List<Paper> good) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Paper p : good) {
                TestData.Resp r = get(base, "/papers/" + p.id());
                assertThat(r.status()).as(p.id()).isEqualTo(200);
                assertThat(r.json().path("title").asText()).isEqualTo(p.title());
            }
            assertThat(ids(get(base, "/papers?limit=100").json().path("items")))
                    .containsExactlyInAnyOrderElementsOf(good.stream().map(Paper::id).toList());
            assertThat(ids(get(base, "/papers?tag=llm").json().path("items"))).containsExactlyInAnyOrder("g01", "g03");
        });
        TestData.Resp live = get(base, "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("streams").asText()).isEqualTo("RUNNING");
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, PapersConfig cfg, Paper p) throws Exception {
        return producer.send(new ProducerRecord<>(cfg.papersTopic(), p.id(), Json.write(p))).get();
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(PapersConfig cfg, int n) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            out.clear();
            out.addAll(readDeadLetters(cfg, Duration.ofMillis(500)));
            assertThat(out).hasSize(n);
        });
        return out;
    }

    /** All dead letters so far: read from the start until the end offsets seen at the start are reached. */
    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(PapersConfig cfg, Duration poll) {
        Properties p = cfg.baseClientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(cfg.deadLetterTopic()).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(poll).forEach(out::add);
            }
            return out;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
