package dev.papers.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when absent, with the configs the design asks for: outputs compacted, raw and
 * rejects with the delete policy (raw retention configurable). Every service calls it at start; existing topics
 * are left as they are.
 */
public final class TopicSetup {
    /** Replication factor -1: the broker's {@code default.replication.factor} (1 on a dev broker, 3 on a cluster). */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private TopicSetup() {}

    public static void ensureTopics(PapersConfig cfg, int partitions, short replication) {
        ensureTopics(cfg, partitions, replication, -1);
    }

    /** @param rawRetentionMs retention of the raw chunk topic; -1 keeps the broker default */
    public static void ensureTopics(PapersConfig cfg, int partitions, short replication, long rawRetentionMs) {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        Map<String, String> raw = new HashMap<>(Map.of("cleanup.policy", "delete"));
        if (rawRetentionMs >= 0) raw.put("retention.ms", Long.toString(rawRetentionMs));
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(cfg.rawTopic(), partitions, replication).configs(raw));
        wanted.add(new NewTopic(cfg.papersTopic(), partitions, replication).configs(compacted));
        wanted.add(new NewTopic(cfg.byTagTopic(), partitions, replication).configs(compacted));
        wanted.add(new NewTopic(cfg.rejectsTopic(), partitions, replication).configs(Map.of("cleanup.policy", "delete")));
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (NewTopic t : wanted) {
                if (existing.contains(t.name())) continue;
                try {
                    admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another service may create it at the same moment.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + cfg.bootstrapServers() + " to create topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
