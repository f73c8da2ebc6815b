package dev.papers.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline scenario against the official {@code apache/kafka} image ({@code PAPERS_KAFKA_IMAGE} names
 * another one of the same kind). Nothing is ever pulled: without a Docker engine, or without the image present
 * locally (there is no registry on CI), it is skipped within seconds, saying which. {@code mvn verify -Pdocker}
 * runs just the tests tagged {@code docker}.
 */
@Tag("docker")
class ContainerEndToEndTest extends PipelineScenario {
    static final String IMAGE = System.getenv().getOrDefault("PAPERS_KAFKA_IMAGE", "apache/kafka:4.3.1");
    static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        // Asked of the docker CLI, not of Testcontainers: its client checks pull an image before anything else.
        assumeTrue(docker("info") == 0, "no Docker engine reachable (scripts/container-engine.sh provisions one where it can)");
        assumeTrue(docker("image", "inspect", IMAGE) == 0, "image " + IMAGE + " is not present locally, and nothing is pulled (no registry)");
        kafka = new KafkaContainer(IMAGE);
        kafka.start();
    }

    /** Exit status of a docker CLI command, bounded (127 without a docker CLI, 124 on time-out). */
    static int docker(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("docker"));
        cmd.addAll(java.util.List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            return 127;
        }
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return 124;
        }
        return p.exitValue();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.stop();
    }

    @Override
    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }
}
