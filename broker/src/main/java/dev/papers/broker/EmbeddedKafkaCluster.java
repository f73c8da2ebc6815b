package dev.papers.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-node Apache Kafka cluster in KRaft mode inside this JVM: every node is a combined broker +
 * controller, the controllers form a static quorum. Defaults are those of a small production cluster: replication
 * factor = number of nodes (at most 3) for every topic, internal ones included, and {@code min.insync.replicas} 2,
 * so one node can be stopped ({@link #stopNode}) and started again ({@link #startNode}) without losing data or
 * availability.
 *
 * <p>Ports are chosen once, when the cluster is created, and kept across node restarts: the quorum is static.
 * Like {@link EmbeddedKafkaBroker}, all use of Kafka's internal classes stays in this package.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final Path dataDir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Map<String, String> overrides;
    private final KafkaRaftServer[] servers;
    private final String clusterId = Uuid.randomUuid().toString();

    private EmbeddedKafkaCluster(Path dataDir, int nodes, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.ports = new int[nodes];
        this.controllerPorts = new int[nodes];
        this.servers = new KafkaRaftServer[nodes];
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Creates {@code nodes} nodes under {@code dataDir/node-<id>}, formats them with one cluster id and starts them
     * together (a node's startup waits for the quorum, so they start in parallel). Extra properties apply to every node.
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int nodes, Map<String, String> overrides) {
        if (nodes < 1) throw new IllegalArgumentException("a cluster needs at least one node");
        EmbeddedKafkaCluster c = new EmbeddedKafkaCluster(dataDir, nodes, overrides);
        try (PortReservation r = PortReservation.reserve(2 * nodes)) {
            for (int i = 0; i < nodes; i++) {
                c.ports[i] = r.ports.get(2 * i);
                c.controllerPorts[i] = r.ports.get(2 * i + 1);
            }
        }
        try {
            List<CompletableFuture<Void>> starts = IntStream.range(0, nodes)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> c.startNode(i))).toList();
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            c.close();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        log.info("Kafka cluster of {} KRaft nodes started at {}", nodes, c.bootstrapServers());
        return c;
    }

    public static EmbeddedKafkaCluster start(Path dataDir, int nodes) {
        return start(dataDir, nodes, Map.of());
    }

    public int size() {
        return servers.length;
    }

    /** All nodes' listeners (running or not): clients find whichever is up. */
    public String bootstrapServers() {
        return IntStream.range(0, servers.length).mapToObj(this::bootstrapServers).collect(Collectors.joining(","));
    }

    /** One node's listener, {@code index} from 0. */
    public String bootstrapServers(int index) {
        return "127.0.0.1:" + ports[index];
    }

    /** Kafka's node.id of the node at {@code index} (index + 1). */
    public int nodeId(int index) {
        return index + 1;
    }

    public synchronized boolean isRunning(int index) {
        return servers[index] != null;
    }

    /** Stops one node cleanly and waits for it; its data stays for {@link #startNode}. */
    public void stopNode(int index) {
        KafkaRaftServer s;
        synchronized (this) {
            s = servers[index];
            servers[index] = null;
        }
        if (s == null) return;
        s.shutdown();
        s.awaitShutdown();
        log.info("Kafka node {} at {} stopped", nodeId(index), bootstrapServers(index));
    }

    /** Starts a stopped node again on its data and its ports; returns when it serves (the quorum must be reachable). */
    public void startNode(int index) {
        synchronized (this) {
            if (servers[index] != null) return;
        }
        Path logs = dataDir.resolve("node-" + nodeId(index));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logs, e);
        }
        Properties props = nodeProperties(index, logs);
        format(logs, props);
        KafkaRaftServer s;
        try {
            s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            s.startup();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Kafka node " + nodeId(index) + " failed to start on " + logs + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            servers[index] = s;
        }
    }

    private Properties nodeProperties(int index, Path logs) {
        int n = servers.length;
        String rf = Integer.toString(Math.min(3, n));
        String minIsr = Integer.toString(Math.min(2, n));
        String voters = IntStream.range(0, n).mapToObj(i -> nodeId(i) + "@127.0.0.1:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId(index)));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports[index] + ",CONTROLLER://127.0.0.1:" + controllerPorts[index]);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[index]);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logs.toAbsolutePath().toString());
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", rf);
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        // A few threads per node: three nodes share the test machine.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "2");
        p.putAll(overrides);
        return p;
    }

    private void format(Path logs, Properties props) {
        if (Files.exists(logs.resolve("meta.properties"))) return;
        try {
            Path cfg = Files.createTempFile("kraft-node", ".properties");
            try (OutputStream out = Files.newOutputStream(cfg)) {
                props.store(out, "papers embedded cluster node");
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
                kafka.tools.StorageTool.execute(new String[] {
                        "format", "-t", clusterId, "-c", cfg.toString(), "--ignore-formatted"}, ps);
            } catch (Exception e) {
                throw new IllegalStateException("cannot format " + logs + ": " + e.getMessage() + " "
                        + buf.toString(StandardCharsets.UTF_8), e);
            } finally {
                Files.deleteIfExists(cfg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every running node (in parallel: the last controllers would otherwise wait for a lost quorum). */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (int i = 0; i < servers.length; i++) {
            int idx = i;
            stops.add(CompletableFuture.runAsync(() -> stopNode(idx)));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        log.info("Kafka cluster at {} stopped", bootstrapServers());
    }

    /** Distinct free ports, held open together until closed so two picks cannot collide. */
    private static final class PortReservation implements AutoCloseable {
        final List<Integer> ports = new ArrayList<>();
        private final List<ServerSocket> sockets = new ArrayList<>();

        static PortReservation reserve(int n) {
            PortReservation r = new PortReservation();
            try {
                for (int i = 0; i < n; i++) {
                    ServerSocket s = new ServerSocket(0);
                    s.setReuseAddress(true);
                    r.sockets.add(s);
                    r.ports.add(s.getLocalPort());
                }
            } catch (IOException e) {
                r.close();
                throw new UncheckedIOException("no free port", e);
            }
            return r;
        }

        @Override
        public void close() {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // ignore
                }
            }
        }
    }
}
