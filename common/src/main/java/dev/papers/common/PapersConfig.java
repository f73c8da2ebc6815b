package dev.papers.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Connection settings and topic names shared by every service. Client properties pass through unchanged
 * ({@code --kafka-prop k=v} or a properties file), so security settings need no code.
 */
public record PapersConfig(
        String bootstrapServers,
        String rawTopic,
        String papersTopic,
        String byTagTopic,
        String rejectsTopic,
        String deadLetterTopic,
        Map<String, String> clientProps) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    public PapersConfig {
        clientProps = Map.copyOf(clientProps == null ? Map.of() : clientProps);
    }

    public static PapersConfig defaults(String bootstrapServers) {
        return new PapersConfig(bootstrapServers, Topics.RAW, Topics.PAPERS, Topics.PAPERS_BY_TAG, Topics.REJECTS, Topics.DEAD_LETTERS, Map.of());
    }

    /** Same config with every topic name prefixed: unique topics per test or per tenant. */
    public PapersConfig withTopicPrefix(String prefix) {
        return new PapersConfig(bootstrapServers, prefix + rawTopic, prefix + papersTopic, prefix + byTagTopic,
                prefix + rejectsTopic, prefix + deadLetterTopic, clientProps);
    }

    public PapersConfig withClientProps(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(clientProps);
        all.putAll(extra);
        return new PapersConfig(bootstrapServers, rawTopic, papersTopic, byTagTopic, rejectsTopic, deadLetterTopic, all);
    }

    /** bootstrap.servers plus the pass-through properties, as a base for any client config. */
    public Properties baseClientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(clientProps);
        return p;
    }

    /** Reads a Java properties file into a map (for {@code --kafka-config FILE}). */
    public static Map<String, String> loadProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
