package dev.papers.sink;

import java.nio.file.Path;
import java.util.Map;

/**
 * Sink settings. {@code streamsOverrides} pass through to Kafka Streams, except the {@link #TOPIC_PARTITIONS}
 * key which sets the partition count used when the sink creates missing topics.
 */
public record SinkOptions(String applicationId, String httpHost, int httpPort, Path stateDir,
                          Map<String, String> streamsOverrides) {

    /** Override key (not passed to Kafka Streams): partitions of topics created at start, default 3. */
    public static final String TOPIC_PARTITIONS = "sink.topic.partitions";

    /** Override key (not passed to Kafka Streams): how often new papers become searchable, in ms (default 1000). */
    public static final String SEARCH_REFRESH_MS = "sink.search.refresh.ms";
    static final long DEFAULT_SEARCH_REFRESH_MS = 1000;

    public SinkOptions {
        streamsOverrides = Map.copyOf(streamsOverrides == null ? Map.of() : streamsOverrides);
    }

    public static SinkOptions defaults() {
        return new SinkOptions("papers-sink", "127.0.0.1", 8080, Path.of("data", "sink-state"), Map.of());
    }
}
