package dev.papers.app;

import dev.papers.docker.ContainerStack;
import dev.papers.docker.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The app module's end-to-end scenario (ingest, processor and sink in this JVM) against a broker container:
 * {@code PAPERS_KAFKA_IMAGE} if set, else the official {@code apache/kafka:4.3.1} if present locally, else
 * {@code papers-kafka:4.3.1} built by this build from the Kafka Maven artifacts ({@link Images}). Nothing is ever
 * pulled: without an engine or a base image it is skipped within seconds, saying which.
 */
@Tag("docker")
class ContainerEndToEndTest extends PipelineScenario {
    static Network network;
    static GenericContainer<?> kafka;
    static String bootstrap;

    @BeforeAll
    static void startKafka() {
        Images.Built images = Images.require();
        int port = ContainerStack.freePort();
        bootstrap = "127.0.0.1:" + port;
        network = Network.newNetwork();
        kafka = ContainerStack.broker(images.kafka(), network, port);
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.stop();
        if (network != null) network.close();
    }

    @Override
    String bootstrapServers() {
        return bootstrap;
    }
}
