package dev.papers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline as containers on a network of its own, from the images of this build: a single-node KRaft broker
 * ({@code kafka:9092} inside, {@code 127.0.0.1:<port>} from this machine), the processor, the sink (HTTP on a
 * loopback port) and one-shot ingest runs. Configured as docker/compose.yaml configures them; restarted on failure
 * as compose restarts them.
 */
public final class ContainerStack implements AutoCloseable {
    static final ImagePullPolicy NEVER_PULL = image -> false;
    static final String BOOTSTRAP_INSIDE = "kafka:9092";

    final Images.Built images;
    final Network network = Network.newNetwork();
    final GenericContainer<?> kafka;
    final String bootstrap;
    GenericContainer<?> processor;
    GenericContainer<?> sink;
    private int sinkPort;

    ContainerStack(Images.Built images) {
        this.images = images;
        int port = freePort();
        this.bootstrap = "127.0.0.1:" + port;
        this.kafka = broker(images.kafka(), network, port);
    }

    /**
     * A KRaft broker+controller configured through KAFKA_* variables (both the official image and the repository's
     * own read them): INTERNAL for the containers, HOST for this machine's clients, bound to loopback on the same port
     * as inside so that the advertised address is right before the container starts.
     */
    public static GenericContainer<?> broker(String image, Network network, int hostPort) {
        return loopback(new GenericContainer<>(DockerImageName.parse(image)), hostPort, hostPort)
                .withImagePullPolicy(NEVER_PULL)
                .withNetwork(network).withNetworkAliases("kafka")
                .withEnv(Map.ofEntries(
                        Map.entry("CLUSTER_ID", "cGFwZXJzLXBpcGVsaW5lMQ"),
                        Map.entry("KAFKA_NODE_ID", "1"),
                        Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                        Map.entry("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093,HOST://:" + hostPort),
                        Map.entry("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://" + BOOTSTRAP_INSIDE + ",HOST://127.0.0.1:" + hostPort),
                        Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,HOST:PLAINTEXT"),
                        Map.entry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL"),
                        Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                        Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093"),
                        Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1"),
                        Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"),
                        Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"),
                        Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(120)));
    }

    /** Starts the broker, then the processor and the sink (each waits for its own health, as in compose). */
    ContainerStack start() {
        kafka.start();
        processor = service(images.processor(), "processor").waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(120)));
        sinkPort = freePort();
        sink = loopback(service(images.sink(), "sink"), sinkPort, 8080)
                .waitingFor(Wait.forHttp("/health/ready").forPort(8080).withStartupTimeout(Duration.ofSeconds(120)));
        // In parallel: two JVMs starting on two cores; each creates any topic still missing.
        var p = java.util.concurrent.CompletableFuture.runAsync(processor::start);
        sink.start();
        p.join();
        return this;
    }

    private GenericContainer<?> service(String image, String alias) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(NEVER_PULL)
                .withNetwork(network).withNetworkAliases(alias)
                .withEnv("PAPERS_BOOTSTRAP_SERVERS", BOOTSTRAP_INSIDE)
                // compose's `restart: on-failure`: a service whose Kafka Streams client died for good exits 3.
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRestartPolicy(RestartPolicy.onFailureRestart(5)));
    }

    /** Runs the ingest image once over {@code pages} (mounted read-only) and returns its output; fails on a non-zero exit. */
    String ingest(Path pages) {
        try (GenericContainer<?> job = ingestJob().withFileSystemBind(pages.toAbsolutePath().toString(), "/pages", BindMode.READ_ONLY)
                .withCommand("/pages")) {
            job.start();
            return job.getLogs();
        }
    }

    /** Runs the ingest image once with its default command: the bundled demo pages. */
    String ingestDemoPages() {
        try (GenericContainer<?> job = ingestJob()) {
            job.start();
            return job.getLogs();
        }
    }

    private GenericContainer<?> ingestJob() {
        return new GenericContainer<>(DockerImageName.parse(images.ingest()))
                .withImagePullPolicy(NEVER_PULL)
                .withNetwork(network)
                .withEnv("PAPERS_BOOTSTRAP_SERVERS", BOOTSTRAP_INSIDE)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)));
    }

    /** SIGKILL, as a crash or the OOM killer would: no close, no commit, no leaving the group. */
    void killProcessor() {
        processor.getDockerClient().killContainerCmd(processor.getContainerId()).withSignal("KILL").exec();
    }

    /** The same container again: same hostname and state volume, so the same static member with its stores. */
    void startProcessorAgain() {
        processor.getDockerClient().startContainerCmd(processor.getContainerId()).exec();
    }

    /** {@code docker restart} of the broker: a clean stop (its own shutdown, up to 30 s), then a start on its data. */
    void restartBroker() {
        kafka.getDockerClient().restartContainerCmd(kafka.getContainerId()).withTimeout(30).exec();
    }

    boolean running(GenericContainer<?> c) {
        return Boolean.TRUE.equals(c.getDockerClient().inspectContainerCmd(c.getContainerId()).exec().getState().getRunning());
    }

    /** GET on the sink's public API; null when it does not answer 200 (yet). */
    JsonNode sinkGet(String pathAndQuery) {
        return getJson(sinkPort, pathAndQuery);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** GET http://127.0.0.1:port/path as JSON; null when it does not answer 200 (yet). */
    static JsonNode getJson(int port, String pathAndQuery) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String logs() {
        StringBuilder b = new StringBuilder();
        for (var c : new GenericContainer<?>[] {kafka, processor, sink}) {
            if (c == null || c.getContainerId() == null) continue;
            String l = c.getLogs();
            b.append("--- ").append(c.getDockerImageName()).append(" (last 3 KiB)\n")
                    .append(l.length() > 3072 ? l.substring(l.length() - 3072) : l).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (var c : new GenericContainer<?>[] {sink, processor, kafka}) {
            if (c != null) c.stop();
        }
        network.close();
    }

    /** Publishes {@code containerPort} on 127.0.0.1:{@code hostPort} only (Testcontainers' default is every interface). */
    static GenericContainer<?> loopback(GenericContainer<?> c, int hostPort, int containerPort) {
        c.addExposedPort(containerPort);
        return c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1").bindPort(hostPort), new ExposedPort(containerPort))));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
