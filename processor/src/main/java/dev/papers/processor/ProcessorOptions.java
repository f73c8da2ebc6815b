package dev.papers.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of one processor instance.
 *
 * @param rawRetentionMs retention of the raw topic when the processor creates it; -1 = broker default
 * @param guarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param pageTimeout how long a page may wait for its next chunk before it is reported incomplete
 * @param instanceId  static group membership id ({@code group.instance.id}); null = derived from host and state dir,
 *                    empty = dynamic membership
 * @param healthPort  port of /health and /metrics; -1 = none, 0 = any free port
 */
public record ProcessorOptions(String applicationId, Path stateDir, int partitions, long maxPageChars,
                               String guarantee, Path taxonomy, long rawRetentionMs,
                               Map<String, String> streamsOverrides, Duration pageTimeout, String instanceId,
                               String healthHost, int healthPort) {
    public ProcessorOptions(String applicationId, Path stateDir, int partitions, long maxPageChars, String guarantee,
                            Path taxonomy, long rawRetentionMs, Map<String, String> streamsOverrides, Duration pageTimeout) {
        this(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides,
                pageTimeout, null, "127.0.0.1", -1);
    }

    public ProcessorOptions(String applicationId, Path stateDir, int partitions, long maxPageChars, String guarantee,
                            Path taxonomy, long rawRetentionMs, Map<String, String> streamsOverrides) {
        this(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides,
                PapersTopology.DEFAULT_PAGE_TIMEOUT);
    }

    public static ProcessorOptions defaults() {
        return new ProcessorOptions("papers-processor", Path.of("data", "processor-state"), 3,
                PapersTopology.DEFAULT_MAX_PAGE_CHARS, "exactly_once_v2", null, -1, Map.of());
    }

    public ProcessorOptions withPageTimeout(Duration t) {
        return new ProcessorOptions(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides, t, instanceId, healthHost, healthPort);
    }

    public ProcessorOptions withApplicationId(String id) {
        return new ProcessorOptions(id, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides, pageTimeout, instanceId, healthHost, healthPort);
    }

    public ProcessorOptions withStateDir(Path dir) {
        return new ProcessorOptions(applicationId, dir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides, pageTimeout, instanceId, healthHost, healthPort);
    }

    public ProcessorOptions withOverrides(Map<String, String> o) {
        return new ProcessorOptions(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, o, pageTimeout, instanceId, healthHost, healthPort);
    }

    public ProcessorOptions withInstanceId(String id) {
        return new ProcessorOptions(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides, pageTimeout, id, healthHost, healthPort);
    }

    public ProcessorOptions withHealth(String host, int port) {
        return new ProcessorOptions(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsOverrides, pageTimeout, instanceId, host, port);
    }
}
