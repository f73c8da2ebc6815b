package dev.papers.app;

import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline scenario against the official {@code apache/kafka} image. Skipped, and reported as skipped,
 * when no Docker engine is reachable (as on CI here): Testcontainers answers that in milliseconds, no pull is tried.
 * {@code mvn verify -Pdocker} runs just the tests tagged {@code docker}.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ContainerEndToEndTest extends PipelineScenario {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
