package dev.papers.ingest;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The producer's effective time limits ({@link IngestJob}'s defaults or the user's {@code --kafka-prop}): every
 * blocking step of an ingest is bounded by one of them.
 */
record PublishTimeouts(Duration maxBlock, Duration request, Duration delivery) {
    static final long DEFAULT_MAX_BLOCK_MS = 15_000;
    static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    static final long DEFAULT_DELIVERY_TIMEOUT_MS = 30_000;

    /** From {@link IngestJob#producerProperties} (which sets all three), parsed as Kafka parses them. */
    static PublishTimeouts of(Properties producerProps) {
        return new PublishTimeouts(millis(producerProps, ProducerConfig.MAX_BLOCK_MS_CONFIG),
                millis(producerProps, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                millis(producerProps, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    private static Duration millis(Properties p, String key) {
        return Duration.ofMillis(((Number) ConfigDef.parseType(key, p.get(key), ConfigDef.Type.LONG)).longValue());
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
