package dev.papers.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics when absent, with the configs the design asks for (compacted outputs). */
public final class TopicSetup {
    private TopicSetup() {}

    public static void ensureTopics(PapersConfig cfg, int partitions, short replication) {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(cfg.rawTopic(), partitions, replication).configs(Map.of("cleanup.policy", "delete")));
        wanted.add(new NewTopic(cfg.papersTopic(), partitions, replication).configs(compacted));
        wanted.add(new NewTopic(cfg.byTagTopic(), partitions, replication).configs(compacted));
        wanted.add(new NewTopic(cfg.rejectsTopic(), partitions, replication).configs(Map.of("cleanup.policy", "delete")));
        try (Admin admin = Admin.create(cfg.baseClientProperties())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + cfg.bootstrapServers() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
