package dev.papers.processor;

import dev.papers.common.PapersConfig;
import dev.papers.common.TopicSetup;
import dev.papers.common.streams.StreamsDefaults;
import dev.papers.common.streams.ThreadReplacement;
import dev.papers.tagging.Tagger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor topology: creates missing topics, starts Kafka Streams (dead letters, static membership,
 * durable internal topics), serves its health, closes cleanly.
 */
public final class ProcessorService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorService.class);
    private final KafkaStreams streams;
    private ProcessorHealth health;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch dead = new CountDownLatch(1);

    private ProcessorService(KafkaStreams streams) {
        this.streams = streams;
    }

    public static ProcessorService start(PapersConfig cfg, ProcessorOptions opts) {
        Tagger tagger = opts.taxonomy() == null ? Tagger.fromDefaultTaxonomy() : Tagger.fromFile(opts.taxonomy());
        return start(cfg, opts, tagger::tag);
    }

    /** With any tagging function: the seam for failure tests. */
    static ProcessorService start(PapersConfig cfg, ProcessorOptions opts, PapersTopology.TagFunction tagger) {
        short replication = TopicSetup.ensureTopics(cfg, opts.partitions(), TopicSetup.DURABLE_REPLICATION, opts.rawRetentionMs());
        Properties props = streamsConfig(cfg, opts);
        TopicSetup.streamsDurability(replication).forEach(props::putIfAbsent);
        KafkaStreams streams = new KafkaStreams(PapersTopology.buildTopology(cfg, tagger, opts.maxPageChars(),
                opts.pageTimeout(), PapersTopology.DEFAULT_MAX_RECORD_BYTES), props);
        // A thread dying of what no handler took (a broker or disk failure): replaced twice within 5 minutes, then ERROR.
        streams.setUncaughtExceptionHandler(new ThreadReplacement(2, Duration.ofMinutes(5), System::nanoTime));
        ProcessorService svc = new ProcessorService(streams);
        if (opts.healthPort() >= 0) svc.health = ProcessorHealth.start(streams, svc.closing::get, opts.healthHost(), opts.healthPort());
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || (now == KafkaStreams.State.NOT_RUNNING && !svc.closing.get())) svc.dead.countDown();
        });
        streams.start();
        return svc;
    }

    public static Properties streamsConfig(PapersConfig cfg, ProcessorOptions opts) {
        Properties p = cfg.baseClientProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, opts.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, opts.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, opts.guarantee());
        p.putAll(PapersTopology.errorHandling(cfg));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Static membership: an instance restarted on its state dir (after a crash, kill -9 included) takes its
        // partitions back at once instead of waiting out the dead member's session timeout. Empty = off.
        String instance = opts.instanceId() != null ? opts.instanceId() : defaultInstanceId(opts);
        if (!instance.isEmpty()) p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance);
        p.putAll(opts.streamsOverrides());
        StreamsDefaults.apply(p); // below the overrides: they win
        return p;
    }

    /** Stable per host and state dir: the same instance after a restart, two instances on one host apart. */
    static String defaultInstanceId(ProcessorOptions opts) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String dir = opts.stateDir().toAbsolutePath().normalize().toString();
        return opts.applicationId() + "-" + host + "-"
                + UUID.nameUUIDFromBytes(dir.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The health port, or -1 when none was asked for. */
    public int healthPort() {
        return health == null ? -1 : health.port();
    }

    /** Blocks until the Streams client has died (ERROR, or stopped without {@link #close}); false on timeout. */
    public boolean awaitDeath(Duration timeout) throws InterruptedException {
        return dead.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing.set(true);
        // Leave the group so the partitions move at once (a static member would otherwise keep them for the
        // session timeout).
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (health != null) health.close();
    }
}
