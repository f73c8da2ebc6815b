package dev.papers.processor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of one processor instance.
 *
 * @param guarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 */
public record ProcessorOptions(String applicationId, Path stateDir, int partitions, long maxPageChars,
                               String guarantee, Path taxonomy, Map<String, String> streamsOverrides) {
    public static ProcessorOptions defaults() {
        return new ProcessorOptions("papers-processor", Path.of("data", "processor-state"), 3,
                PapersTopology.DEFAULT_MAX_PAGE_CHARS, "exactly_once_v2", null, Map.of());
    }

    public ProcessorOptions withApplicationId(String id) {
        return new ProcessorOptions(id, stateDir, partitions, maxPageChars, guarantee, taxonomy, streamsOverrides);
    }

    public ProcessorOptions withStateDir(Path dir) {
        return new ProcessorOptions(applicationId, dir, partitions, maxPageChars, guarantee, taxonomy, streamsOverrides);
    }

    public ProcessorOptions withOverrides(Map<String, String> o) {
        return new ProcessorOptions(applicationId, stateDir, partitions, maxPageChars, guarantee, taxonomy, o);
    }
}
