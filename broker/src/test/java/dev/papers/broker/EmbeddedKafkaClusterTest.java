package dev.papers.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class EmbeddedKafkaClusterTest {

    @Test
    void threeNodesReplicateAndSurviveOneNodeDown(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3)) {
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 2, (short) 3))).all().get(60, TimeUnit.SECONDS);
                // createTopics returns once the controller commits; the broker answering describe may not
                // have that metadata yet (UnknownTopicOrPartition), so wait on the fact, not a fixed delay.
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    TopicDescription d = admin.describeTopics(List.of("t")).allTopicNames().get(10, TimeUnit.SECONDS).get("t");
                    assertThat(d.partitions()).hasSize(2).allSatisfy(p -> {
                        assertThat(p.replicas()).hasSize(3);
                        assertThat(p.leader()).isNotNull();
                    });
                });
            }
            send(cluster.bootstrapServers(), "before");
            cluster.stopNode(0);
            assertThat(cluster.isRunning(0)).isFalse();
            send(cluster.bootstrapServers(), "while-one-down"); // min.insync.replicas 2 of 3: still writable
            cluster.startNode(0);
            send(cluster.bootstrapServers(), "after");
            assertThat(readAll(cluster.bootstrapServers(), 3)).containsExactlyInAnyOrder("before", "while-one-down", "after");
        }
    }

    private static void send(String bootstrap, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("delivery.timeout.ms", "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("t", value, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, int n) {
        Properties cp = new Properties();
        cp.put("bootstrap.servers", bootstrap);
        cp.put("group.id", "g-" + System.nanoTime());
        cp.put("auto.offset.reset", "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("t"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) out.add(r.value());
            }
        }
        return out;
    }
}
