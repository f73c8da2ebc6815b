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
 * Creates the pipeline's topics when absent, with the configs the design asks for: outputs compacted, raw, rejects
 * and dead letters with the delete policy (raw retention configurable). Every service calls it at start; existing
 * topics are left as they are.
 *
 * <p>Durable by default: replication factor {@code min(3, brokers)} and, where it is 3, {@code min.insync.replicas=2},
 * so one broker may be down without losing an acknowledged write or blocking producers. A dev broker gets 1.
 */
public final class TopicSetup {
    /** Replication factor -1: the durable default, {@code min(3, live brokers)} (see {@link #durableReplication}). */
    public static final short DURABLE_REPLICATION = -1;

    private TopicSetup() {}

    public static short ensureTopics(PapersConfig cfg, int partitions, short replication) {
        return ensureTopics(cfg, partitions, replication, -1);
    }

    /**
     * @param replication    replication factor, or {@link #DURABLE_REPLICATION}
     * @param rawRetentionMs retention of the raw chunk topic; -1 keeps the broker default
     * @return the replication factor used (for {@link #streamsDurability})
     */
    public static short ensureTopics(PapersConfig cfg, int partitions, short replication, long rawRetentionMs) {
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            short rf = replication > 0 ? replication : durableReplication(admin);
            Map<String, String> durability = durabilityConfigs(rf);
            Map<String, String> compacted = with(durability, "cleanup.policy", "compact");
            Map<String, String> delete = with(durability, "cleanup.policy", "delete");
            Map<String, String> raw = new HashMap<>(delete);
            if (rawRetentionMs >= 0) raw.put("retention.ms", Long.toString(rawRetentionMs));
            List<NewTopic> wanted = new ArrayList<>();
            wanted.add(new NewTopic(cfg.rawTopic(), partitions, rf).configs(raw));
            wanted.add(new NewTopic(cfg.papersTopic(), partitions, rf).configs(compacted));
            wanted.add(new NewTopic(cfg.byTagTopic(), partitions, rf).configs(compacted));
            wanted.add(new NewTopic(cfg.rejectsTopic(), partitions, rf).configs(delete));
            wanted.add(new NewTopic(cfg.deadLetterTopic(), partitions, rf).configs(delete));
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
            return rf;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + cfg.bootstrapServers() + " to create topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** {@code min(3, live brokers)}: the replication factor for topics nobody configured. */
    public static short durableReplication(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        return (short) Math.max(1, Math.min(3, brokers));
    }

    /** {@code min.insync.replicas=2} where the factor is 3 or more (so one broker may be down); nothing otherwise. */
    public static Map<String, String> durabilityConfigs(short replicationFactor) {
        return replicationFactor >= 3 ? Map.of("min.insync.replicas", "2") : Map.of();
    }

    /**
     * The Kafka Streams settings that give its own topics (changelogs, repartition) the durability of the pipeline's
     * topics, for a client config that does not set them: {@code replication.factor} and {@code topic.min.insync.replicas}.
     */
    public static Map<String, String> streamsDurability(short replicationFactor) {
        Map<String, String> m = new HashMap<>();
        m.put("replication.factor", Short.toString(replicationFactor));
        durabilityConfigs(replicationFactor).forEach((k, v) -> m.put("topic." + k, v));
        return m;
    }

    private static Map<String, String> with(Map<String, String> base, String k, String v) {
        Map<String, String> m = new HashMap<>(base);
        m.put(k, v);
        return m;
    }
}
