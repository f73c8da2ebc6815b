package dev.papers.sink;

import java.nio.file.Path;
import java.util.Map;

/**
 * Sink settings. {@code streamsOverrides} pass through to Kafka Streams, except the {@code sink.*} keys below.
 *
 * <p>Two HTTP listeners: the public one ({@code httpHost:httpPort}) and the internal one
 * ({@code internalHost:internalPort}, port 0 = any free port) that only the other sinks of the application call. The
 * other sinks find an instance at {@code advertisedHost:internalPort} (Kafka Streams' {@code application.server});
 * {@code internalHost} and {@code advertisedHost} default to {@code httpHost} (null = that default).
 */
public record SinkOptions(String applicationId, String httpHost, int httpPort, Path stateDir,
                          Map<String, String> streamsOverrides, String internalHost, int internalPort,
                          String advertisedHost) {

    /** Override key (not passed to Kafka Streams): partitions of topics created at start, default 3. */
    public static final String TOPIC_PARTITIONS = "sink.topic.partitions";

    /** Override key (not passed to Kafka Streams): how often new papers become searchable, in ms (default 1000). */
    public static final String SEARCH_REFRESH_MS = "sink.search.refresh.ms";
    static final long DEFAULT_SEARCH_REFRESH_MS = 1000;

    /** Override key: how long a request waits for the other sinks before answering 503, in ms (default 5000). */
    public static final String PEER_TIMEOUT_MS = "sink.peer.timeout.ms";
    static final long DEFAULT_PEER_TIMEOUT_MS = 5000;

    /** Override key: requests that may wait on one other sink at once; more get a 503 at once (default 32). */
    public static final String PEER_MAX_IN_FLIGHT = "sink.peer.max.in.flight";
    static final int DEFAULT_PEER_MAX_IN_FLIGHT = 32;

    /** Override key: failed stream threads replaced within {@link #THREAD_REPLACEMENT_WINDOW_MS} before the client stops (default 3). */
    public static final String THREAD_REPLACEMENTS = "sink.thread.replacements";
    static final int DEFAULT_THREAD_REPLACEMENTS = 3;

    /** Override key: the window of {@link #THREAD_REPLACEMENTS}, in ms (default 600000 = 10 min). */
    public static final String THREAD_REPLACEMENT_WINDOW_MS = "sink.thread.replacement.window.ms";
    static final long DEFAULT_THREAD_REPLACEMENT_WINDOW_MS = 600_000;

    public SinkOptions {
        streamsOverrides = Map.copyOf(streamsOverrides == null ? Map.of() : streamsOverrides);
        if (internalHost == null || internalHost.isBlank()) internalHost = httpHost;
        if (advertisedHost == null || advertisedHost.isBlank()) advertisedHost = httpHost;
    }

    /** Internal listener on a free port of {@code httpHost}, advertised as {@code httpHost}. */
    public SinkOptions(String applicationId, String httpHost, int httpPort, Path stateDir, Map<String, String> streamsOverrides) {
        this(applicationId, httpHost, httpPort, stateDir, streamsOverrides, null, 0, null);
    }

    public SinkOptions withInternalListener(String host, int port) {
        return new SinkOptions(applicationId, httpHost, httpPort, stateDir, streamsOverrides, host, port, advertisedHost);
    }

    public SinkOptions withAdvertisedHost(String host) {
        return new SinkOptions(applicationId, httpHost, httpPort, stateDir, streamsOverrides, internalHost, internalPort, host);
    }

    public static SinkOptions defaults() {
        return new SinkOptions("papers-sink", "127.0.0.1", 8080, Path.of("data", "sink-state"), Map.of());
    }
}
