package dev.papers.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same pipeline scenario against a broker container: {@code PAPERS_KAFKA_IMAGE} if set, else the official
 * {@code apache/kafka:4.3.1}, else {@code papers-kafka:4.3.1} (built from this repository's Maven artifacts by
 * {@code docker/kafka.Dockerfile}), whichever is present locally. Nothing is ever pulled: without a Docker engine, or
 * without any of these images (there is no registry on CI), it is skipped within seconds, saying which.
 * {@code mvn verify -Pdocker} runs just the tests tagged {@code docker}.
 */
@Tag("docker")
class ContainerEndToEndTest extends PipelineScenario {
    static final String OFFICIAL = "apache/kafka:4.3.1";
    static final String OWN = "papers-kafka:4.3.1";
    static final ImagePullPolicy NEVER_PULL = image -> false;
    static GenericContainer<?> kafka;
    static String bootstrap;

    @BeforeAll
    static void startKafka() throws Exception {
        // Asked of the docker CLI, not of Testcontainers: its client checks pull an image before anything else.
        assumeTrue(docker("info") == 0, "no Docker engine reachable (scripts/container-engine.sh provisions one where it can)");
        String wanted = System.getenv("PAPERS_KAFKA_IMAGE");
        List<String> candidates = wanted != null && !wanted.isBlank() ? List.of(wanted) : List.of(OFFICIAL, OWN);
        String image = candidates.stream().filter(i -> docker("image", "inspect", i) == 0).findFirst().orElse(null);
        assumeTrue(image != null, "none of " + candidates + " is present locally, and nothing is pulled (no registry)");
        if (image.startsWith("apache/kafka")) {
            KafkaContainer official = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"));
            official.withImagePullPolicy(NEVER_PULL);
            kafka = official;
            kafka.start();
            bootstrap = official.getBootstrapServers();
        } else {
            kafka = ownBroker(image);
            kafka.start();
        }
    }

    /**
     * The repository's broker image, configured through its KAFKA_* variables. Its advertised address must be known
     * before it starts, so the host port is chosen first and bound to the same port inside (loopback only).
     */
    static GenericContainer<?> ownBroker(String image) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        bootstrap = "127.0.0.1:" + port;
        int p = port;
        return new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(NEVER_PULL)
                .withEnv(Map.ofEntries(
                        Map.entry("KAFKA_NODE_ID", "1"),
                        Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                        Map.entry("KAFKA_LISTENERS", "PLAINTEXT://:" + p + ",CONTROLLER://:9093"),
                        Map.entry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + bootstrap),
                        Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                        Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093"),
                        Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                        Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"),
                        Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")))
                .withExposedPorts(p)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIp("127.0.0.1").bindPort(p), new ExposedPort(p))))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    /** Exit status of a docker CLI command, bounded (127 without a docker CLI, 124 on time-out). */
    static int docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 124;
            }
            return p.exitValue();
        } catch (java.io.IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 124;
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.stop();
    }

    @Override
    String bootstrapServers() {
        return bootstrap;
    }
}
