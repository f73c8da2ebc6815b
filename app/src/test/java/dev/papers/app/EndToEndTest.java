package dev.papers.app;

import dev.papers.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline scenario on a real Kafka broker (KRaft) started in this JVM: runs everywhere, CI included. */
class EndToEndTest extends PipelineScenario {
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
