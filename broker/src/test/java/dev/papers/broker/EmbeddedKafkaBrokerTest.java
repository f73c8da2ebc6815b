package dev.papers.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class EmbeddedKafkaBrokerTest {

    @Test
    void producesAndConsumesThroughARealBrokerAndKeepsDataAcrossRestart(@TempDir Path dir) throws Exception {
        String bootstrap;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            bootstrap = broker.bootstrapServers();
            assertThat(broker.port()).isPositive();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("t1", 1, (short) 1))).all().get();
            }
            Properties pp = new Properties();
            pp.put("bootstrap.servers", bootstrap);
            pp.put("enable.idempotence", "true");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("t1", "k", "hello")).get();
            }
            assertThat(readAll(bootstrap)).containsExactly("hello");
        }
        // Same data dir again: storage is already formatted, the record is still there.
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, 0)) {
            assertThat(readAll(again.bootstrapServers())).containsExactly("hello");
        }
    }

    @Test
    void secondBrokerOnTheSameDirectoryFailsWithAClearMessage(@TempDir Path dir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dir, 0))
                    .hasMessageContaining(dir.resolve("kraft-logs").toString());
        }
    }

    private static List<String> readAll(String bootstrap) {
        Properties cp = new Properties();
        cp.put("bootstrap.servers", bootstrap);
        cp.put("group.id", "g-" + System.nanoTime());
        cp.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("t1"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> recs = c.poll(Duration.ofMillis(200));
                if (!recs.isEmpty()) {
                    return java.util.stream.StreamSupport.stream(recs.spliterator(), false).map(r -> r.value()).toList();
                }
            }
            return List.of();
        }
    }
}
