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
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller) running in this JVM.
 *
 * <p>All use of Kafka's internal Scala classes ({@code KafkaRaftServer}, {@code StorageTool}) is kept in this one
 * class: they carry no compatibility promise, so the Kafka version is pinned in the root pom.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private volatile boolean stopped;

    private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /**
     * Formats {@code dataDir} if needed and starts the broker. {@code port} 0 picks a free port.
     * Extra broker properties override the defaults (e.g. {@code log.retention.ms}).
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        IllegalStateException last = null;
        // A free port from ServerSocket(0) can be taken before the broker binds it: retry with new ports.
        for (int attempt = 0; attempt < 3; attempt++) {
            int p = port == 0 ? freePort() : port;
            int cp = freePort();
            try {
                return startOnce(dataDir, p, cp, overrides);
            } catch (IllegalStateException e) {
                last = e;
                if (port != 0 || isLockProblem(e)) throw e;
                log.warn("broker start on port {} failed ({}), retrying", p, e.getMessage());
            }
        }
        throw last;
    }

    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    private static EmbeddedKafkaBroker startOnce(Path dataDir, int port, int cport, Map<String, String> overrides) {
        Path logs = dataDir.resolve("kraft-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker data dir " + dataDir, e);
        }
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        // Static quorum: ports may change across restarts of the same data dir.
        props.put("controller.quorum.voters", "1@127.0.0.1:" + cport);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logs.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        // A restart after a crash otherwise waits out a 9 s session timeout.
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.putAll(overrides);

        ensureNotLocked(logs);
        format(logs, props);
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            throw new IllegalStateException(explain(e, logs), e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port, cport, server);
        log.info("Kafka broker (KRaft) started at {}", broker.bootstrapServers());
        return broker;
    }

    private static void format(Path logs, Properties props) {
        if (Files.exists(logs.resolve("meta.properties"))) return;
        try {
            Path cfg = Files.createTempFile("kraft", ".properties");
            try (OutputStream out = Files.newOutputStream(cfg)) {
                props.store(out, "papers embedded broker");
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
                kafka.tools.StorageTool.execute(new String[] {
                        "format", "-t", Uuid.randomUuid().toString(), "-c", cfg.toString(), "--ignore-formatted"}, ps);
            } catch (Exception e) {
                throw new IllegalStateException("cannot format broker storage in " + logs + ": " + e.getMessage()
                        + " " + buf.toString(StandardCharsets.UTF_8), e);
            } finally {
                Files.deleteIfExists(cfg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kafka treats a held {@code .lock} as fatal and exits the JVM: check first and fail with a message instead.
     */
    private static void ensureNotLocked(Path logs) {
        Path lock = logs.resolve(".lock");
        if (!Files.exists(lock)) return;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock l = ch.tryLock();
            if (l == null) throw lockedError(logs);
            l.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw lockedError(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock of " + logs, e);
        }
    }

    private static IllegalStateException lockedError(Path logs) {
        return new IllegalStateException("another broker already uses the data directory " + logs
                + " (its .lock is held); stop it or pass another --data-dir");
    }

    private static String explain(RuntimeException e, Path logs) {
        String msg = String.valueOf(e.getMessage());
        if (isLockProblem(e)) return lockedError(logs).getMessage();
        return "Kafka broker failed to start: " + msg;
    }

    private static boolean isLockProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains(".lock") || m.contains("lock file") || m.contains("in use by another process")) return true;
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it (idempotent). Data stays in {@link #dataDir()}. */
    @Override
    public synchronized void close() {
        if (stopped) return;
        stopped = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker at {} stopped", bootstrapServers());
    }
}
