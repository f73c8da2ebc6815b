package dev.papers.app;

import dev.papers.common.PapersConfig;
import dev.papers.common.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Connection options shared by every subcommand that talks to Kafka. */
public final class KafkaOptions {
    @Option(names = {"-b", "--bootstrap-servers"}, description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).",
            defaultValue = PapersConfig.DEFAULT_BOOTSTRAP)
    String bootstrapServers;

    @Option(names = "--kafka-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka client property (repeatable).")
    Map<String, String> props = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties file.")
    Path configFile;

    @Option(names = "--raw-topic", defaultValue = Topics.RAW, description = "Raw chunk topic (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(names = "--papers-topic", defaultValue = Topics.PAPERS, description = "Compacted papers topic (default: ${DEFAULT-VALUE}).")
    String papersTopic;

    @Option(names = "--by-tag-topic", defaultValue = Topics.PAPERS_BY_TAG, description = "Compacted tag index topic (default: ${DEFAULT-VALUE}).")
    String byTagTopic;

    @Option(names = "--rejects-topic", defaultValue = Topics.REJECTS, description = "Rejects topic (default: ${DEFAULT-VALUE}).")
    String rejectsTopic;

    @Option(names = "--topic-prefix", description = "Prefix for every topic name (default: none).", defaultValue = "")
    String topicPrefix;

    @Option(names = "--verbose", description = "Log at INFO, Kafka included.")
    boolean verbose;

    PapersConfig config() {
        return config(bootstrapServers);
    }

    PapersConfig config(String bootstrap) {
        Map<String, String> all = new LinkedHashMap<>();
        try {
            if (configFile != null) all.putAll(PapersConfig.loadProperties(configFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --kafka-config " + configFile, e);
        }
        all.putAll(props);
        return new PapersConfig(bootstrap, rawTopic, papersTopic, byTagTopic, rejectsTopic, Map.of())
                .withTopicPrefix(topicPrefix).withClientProps(all);
    }
}
