package dev.papers.common.streams;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings shared by the processor and the sink, applied before user overrides ({@code --streams-prop}
 * wins). Measured in {@code BENCHMARKS.md}: memory bounded per JVM rather than per store, and compressed output.
 */
public final class StreamsDefaults {
    /** Streams property (our own, passed through to {@link BoundedRocksDb}): shared RocksDB memory in MiB, 0 = off. */
    public static final String ROCKSDB_MEMORY_MB = "papers.rocksdb.memory.mb";
    public static final long DEFAULT_ROCKSDB_MEMORY_MB = 64;
    /** The main consumers' group session: how long a dead member (a crashed instance or a replaced thread) holds its partitions. */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    private StreamsDefaults() {}

    public static void apply(Properties p) {
        p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        p.putIfAbsent(ROCKSDB_MEMORY_MB, String.valueOf(DEFAULT_ROCKSDB_MEMORY_MB));
        // JSON values compress about 3-4x: fewer bytes through the broker for outputs, changelogs and repartitions.
        if (!p.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
            p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        }
        // A replaced stream thread leaves its dead consumer in the group (Kafka Streams keeps it there): its
        // partitions wait until that session expires, 45 s by default. 10 s bounds the stall; heartbeats stay at 3 s.
        if (!p.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            p.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), String.valueOf(SESSION_TIMEOUT_MS));
        }
    }

    static long rocksDbMemoryMb(Map<String, Object> configs) {
        Object v = configs.get(ROCKSDB_MEMORY_MB);
        if (v == null) return DEFAULT_ROCKSDB_MEMORY_MB;
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ROCKSDB_MEMORY_MB + " must be a number of MiB, got '" + v + "'");
        }
    }
}
