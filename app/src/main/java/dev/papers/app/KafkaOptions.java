package dev.papers.app;

import dev.papers.common.PapersConfig;
import dev.papers.common.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Connection options shared by every subcommand that talks to Kafka. Each option except {@code --kafka-prop} and
 * {@code --verbose} can also be set through an environment variable ({@code PAPERS_…}, named in its description;
 * a command-line flag wins), which is how the containers in {@code docker/compose.yaml} are configured.
 */
public final class KafkaOptions {
    @Option(names = {"-b", "--bootstrap-servers"}, description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}; env PAPERS_BOOTSTRAP_SERVERS).",
            defaultValue = "${env:PAPERS_BOOTSTRAP_SERVERS:-" + PapersConfig.DEFAULT_BOOTSTRAP + "}")
    String bootstrapServers;

    @Option(names = "--kafka-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka client property (repeatable).")
    Map<String, String> props = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties file (env PAPERS_KAFKA_CONFIG).",
            defaultValue = "${env:PAPERS_KAFKA_CONFIG}")
    Path configFile;

    @Option(names = "--raw-topic", defaultValue = "${env:PAPERS_RAW_TOPIC:-" + Topics.RAW + "}",
            description = "Raw chunk topic (default: ${DEFAULT-VALUE}; env PAPERS_RAW_TOPIC).")
    String rawTopic;

    @Option(names = "--papers-topic", defaultValue = "${env:PAPERS_PAPERS_TOPIC:-" + Topics.PAPERS + "}",
            description = "Compacted papers topic (default: ${DEFAULT-VALUE}; env PAPERS_PAPERS_TOPIC).")
    String papersTopic;

    @Option(names = "--by-tag-topic", defaultValue = "${env:PAPERS_BY_TAG_TOPIC:-" + Topics.PAPERS_BY_TAG + "}",
            description = "Compacted tag index topic (default: ${DEFAULT-VALUE}; env PAPERS_BY_TAG_TOPIC).")
    String byTagTopic;

    @Option(names = "--rejects-topic", defaultValue = "${env:PAPERS_REJECTS_TOPIC:-" + Topics.REJECTS + "}",
            description = "Rejects topic (default: ${DEFAULT-VALUE}; env PAPERS_REJECTS_TOPIC).")
    String rejectsTopic;

    @Option(names = "--dead-letter-topic", defaultValue = "${env:PAPERS_DEAD_LETTER_TOPIC:-" + Topics.DEAD_LETTERS + "}",
            description = "Dead-letter topic: records the processor failed on, with the reason (default: ${DEFAULT-VALUE}; env PAPERS_DEAD_LETTER_TOPIC).")
    String deadLetterTopic;

    @Option(names = "--topic-prefix", description = "Prefix for every topic name (default: none; env PAPERS_TOPIC_PREFIX).",
            defaultValue = "${env:PAPERS_TOPIC_PREFIX:-}")
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
        return new PapersConfig(bootstrap, rawTopic, papersTopic, byTagTopic, rejectsTopic, deadLetterTopic, Map.of())
                .withTopicPrefix(topicPrefix).withClientProps(all);
    }
}
