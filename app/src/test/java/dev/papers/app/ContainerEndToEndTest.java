package dev.papers.app;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline scenario against the official {@code apache/kafka} image. Skipped, and reported as skipped,
 * when no Docker engine is reachable (as on CI here): Testcontainers answers that in milliseconds, no pull is tried.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerEndToEndTest extends PipelineScenario {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
