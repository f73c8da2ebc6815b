package dev.papers.common.streams;

import org.apache.kafka.streams.KafkaStreams;

/** What {@code /health/live} answers for a Kafka Streams client, in the processor and the sink alike. */
public final class Liveness {
    private Liveness() {}

    /** Dead: ERROR (or on its way), or stopped although nobody asked it to close. Rebalancing is alive. */
    public static boolean live(KafkaStreams.State s, boolean closing) {
        return switch (s) {
            case ERROR, PENDING_ERROR -> false;
            case NOT_RUNNING, PENDING_SHUTDOWN -> closing;
            default -> true;
        };
    }
}
