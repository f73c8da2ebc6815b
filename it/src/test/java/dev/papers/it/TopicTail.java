package dev.papers.it;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import dev.papers.common.Reject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the papers and rejects topics from the beginning (read_committed), so waits can poll cheaply: the
 * number of papers records, the latest paper per id (what compaction keeps) and every reject.
 */
final class TopicTail implements AutoCloseable {
    private final PapersConfig cfg;
    private final KafkaConsumer<String, String> consumer;
    final Map<String, Paper> latest = new HashMap<>();
    final List<Reject> rejects = new ArrayList<>();
    long paperRecords;

    TopicTail(PapersConfig cfg) {
        this.cfg = cfg;
        Properties p = cfg.baseClientProperties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(cfg.papersTopic(), cfg.rejectsTopic())) {
            consumer.partitionsFor(t, Duration.ofSeconds(60)).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Reads what arrived since the last call (one short poll) and returns this. */
    TopicTail poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            if (r.topic().equals(cfg.rejectsTopic())) {
                if (r.value() != null) rejects.add(Json.read(r.value(), Reject.class));
            } else {
                paperRecords++;
                if (r.value() == null) latest.remove(r.key());
                else latest.put(r.key(), Json.read(r.value(), Paper.class));
            }
        }
        return this;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
