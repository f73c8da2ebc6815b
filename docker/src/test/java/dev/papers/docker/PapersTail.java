package dev.papers.docker;

import dev.papers.common.PapersConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the processor commits to {@code papers} from now on, read from this machine (read_committed): one record per
 * sighting of a paper, so the count says whether anything was lost or written twice, and the keys which papers.
 */
final class PapersTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    final Set<String> keys = new HashSet<>();
    long records;

    PapersTail(String bootstrap) {
        PapersConfig cfg = PapersConfig.defaults(bootstrap);
        Properties p = cfg.baseClientProperties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(cfg.papersTopic(), Duration.ofSeconds(60)).forEach(pi -> parts.add(new TopicPartition(cfg.papersTopic(), pi.partition())));
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // fix the starting point now, not at the first poll
    }

    /** Reads what arrived since the last call (one short poll) and returns the number of records so far. */
    long poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
            records++;
            keys.add(r.key());
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
