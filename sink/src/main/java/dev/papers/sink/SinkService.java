package dev.papers.sink;

import dev.papers.common.PapersConfig;
import dev.papers.common.streams.DeadLetters;
import dev.papers.common.streams.StreamsDefaults;
import dev.papers.common.streams.ThreadReplacement;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The serving side: materializes the compacted topics and answers HTTP queries over them. */
public final class SinkService implements AutoCloseable, HttpApi.Health {
    private static final Logger log = LoggerFactory.getLogger(SinkService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]");

    private final HttpApi api;
    private final InternalApi internal;
    private final KafkaStreams streams;
    private final PaperStoreReader reader;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final PeerClient peers;
    private final String baseUrl;
    private final String internalUrl;
    private final SearchIndex search;
    private final QueryService query;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<String> failure;

    private SinkService(HttpApi api, InternalApi internal, KafkaStreams streams, PaperStoreReader reader,
                        PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics, PeerClient peers,
                        String baseUrl, String internalUrl, SearchIndex search, QueryService query, CompletableFuture<String> failure) {
        this.api = api;
        this.internal = internal;
        this.streams = streams;
        this.reader = reader;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.peers = peers;
        this.baseUrl = baseUrl;
        this.internalUrl = internalUrl;
        this.search = search;
        this.query = query;
        this.failure = failure;
    }

    public static SinkService start(PapersConfig cfg, SinkOptions opts) {
        Map<String, String> overrides = new HashMap<>(opts.streamsOverrides());
        int partitions = Integer.parseInt(take(overrides, SinkOptions.TOPIC_PARTITIONS, "3"));
        long refreshMs = Long.parseLong(take(overrides, SinkOptions.SEARCH_REFRESH_MS, "" + SinkOptions.DEFAULT_SEARCH_REFRESH_MS));
        Duration peerTimeout = Duration.ofMillis(Long.parseLong(take(overrides, SinkOptions.PEER_TIMEOUT_MS, "" + SinkOptions.DEFAULT_PEER_TIMEOUT_MS)));
        int peerInFlight = Integer.parseInt(take(overrides, SinkOptions.PEER_MAX_IN_FLIGHT, "" + SinkOptions.DEFAULT_PEER_MAX_IN_FLIGHT));
        int replacements = Integer.parseInt(take(overrides, SinkOptions.THREAD_REPLACEMENTS, "" + SinkOptions.DEFAULT_THREAD_REPLACEMENTS));
        Duration replacementWindow = Duration.ofMillis(Long.parseLong(take(overrides, SinkOptions.THREAD_REPLACEMENT_WINDOW_MS,
                "" + SinkOptions.DEFAULT_THREAD_REPLACEMENT_WINDOW_MS)));
        short replication = dev.papers.common.TopicSetup.ensureTopics(cfg, partitions, dev.papers.common.TopicSetup.DURABLE_REPLICATION);
        if (ANY_ADDRESS.contains(opts.advertisedHost())) {
            log.warn("sink advertises {} to the other sinks, which cannot reach it there: set --advertised-host", opts.advertisedHost());
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpApi api = new HttpApi(registry);
        InternalApi internal = new InternalApi();
        PeerClient peers = new PeerClient(peerTimeout, peerInFlight);
        KafkaStreams streams = null;
        KafkaStreamsMetrics metrics = null;
        SearchIndex search = null;
        try {
            int port = api.start(opts.httpHost(), opts.httpPort());
            int internalPort = internal.start(opts.internalHost(), opts.internalPort());
            search = searchIndex(opts, port, refreshMs);
            HostInfo self = new HostInfo(opts.advertisedHost(), internalPort);
            Properties p = cfg.baseClientProperties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, opts.applicationId());
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            p.put(StreamsConfig.STATE_DIR_CONFIG, opts.stateDir().toAbsolutePath().toString());
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
            // A record that fails (undeserializable, a paper the search index cannot take, an output Kafka refuses)
            // becomes a dead letter and the thread goes on: any producer may write to the topics the sink reads.
            p.putAll(DeadLetters.config(cfg.deadLetterTopic()));
            p.putAll(overrides);
            // Its own topics (the arXiv index's repartition and changelog) as durable as the ones it reads.
            dev.papers.common.TopicSetup.streamsDurability(replication).forEach(p::putIfAbsent);
            StreamsDefaults.apply(p); // below the overrides: they win
            p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, SinkTopology.OPTIMIZATION);
            streams = new KafkaStreams(SinkTopology.build(cfg, search), p);
            SearchIndex index = search;
            // Records restored into (or loaded as a standby by) the papers store never pass the indexer: the index's
            // kept share of that partition is stale. Counted per batch, as a restore "from" a checkpoint "to" the end
            // may hold only transaction markers.
            streams.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override public void onRestoreStart(TopicPartition tp, String store, long start, long end) {}
                @Override public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
                    if (n > 0 && SinkTopology.PAPERS_STORE.equals(store)) index.touched(tp.partition());
                }
                @Override public void onRestoreEnd(TopicPartition tp, String store, long total) {}
            });
            streams.setStandbyUpdateListener(new StandbyUpdateListener() {
                @Override public void onUpdateStart(TopicPartition tp, String store, long start) {}
                @Override public void onBatchLoaded(TopicPartition tp, String store, TaskId task, long batchEnd, long n, long end) {
                    if (n > 0 && SinkTopology.PAPERS_STORE.equals(store)) index.touched(tp.partition());
                }
                @Override public void onUpdateSuspended(TopicPartition tp, String store, long stored, long end, SuspendReason why) {}
            });
            streams.setUncaughtExceptionHandler(new ThreadReplacement(replacements, replacementWindow, System::nanoTime));
            CompletableFuture<String> failure = new CompletableFuture<>();
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR) failure.complete("Kafka Streams went from " + before + " to ERROR");
            });
            metrics = new KafkaStreamsMetrics(streams);
            metrics.bindTo(registry);
            PaperStoreReader reader = new PaperStoreReader(streams, cfg, search);
            QueryService query = new QueryService(streams, self, reader, peers);
            String baseUrl = "http://" + opts.httpHost() + ":" + port;
            String internalUrl = "http://" + opts.internalHost() + ":" + internalPort;
            SinkService service = new SinkService(api, internal, streams, reader, registry, metrics, peers, baseUrl,
                    internalUrl, search, query, failure);
            api.attach(query, service);
            internal.attach(query);
            streams.start();
            log.info("sink {} serving on {} (internal {}, advertised as {})", opts.applicationId(), baseUrl, internalUrl,
                    p.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
            return service;
        } catch (RuntimeException e) {
            api.stop();
            internal.stop();
            peers.close();
            if (metrics != null) metrics.close();
            if (streams != null) streams.close(CLOSE_TIMEOUT);
            if (search != null) search.close();
            registry.close();
            throw e;
        }
    }

    private static String take(Map<String, String> overrides, String key, String dflt) {
        String v = overrides.remove(key);
        return v == null ? dflt : v;
    }

    /** The public listener. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The internal listener (bound address), which only the other sinks call. */
    public String internalUrl() {
        return internalUrl;
    }

    /** RUNNING with every stream thread running, the papers store queryable and the search index complete. */
    @Override
    public boolean ready() {
        return !closed.get() && streams.state() == KafkaStreams.State.RUNNING && threadsRunning() && reader.queryable();
    }

    /**
     * False when Kafka Streams cannot recover by itself: ERROR (or on its way there), or stopped while no close was
     * asked; or when the search index's writer has failed for good. A rebalance, a restore or a replaced thread is
     * still live.
     */
    @Override
    public boolean live() {
        KafkaStreams.State s = streams.state();
        return dev.papers.common.streams.Liveness.live(s, closed.get()) && (closed.get() || search.writable());
    }

    @Override
    public String state() {
        return streams.state().name();
    }

    private boolean threadsRunning() {
        Collection<ThreadMetadata> threads = streams.metadataForLocalThreads();
        return !threads.isEmpty() && threads.stream().allMatch(t -> "RUNNING".equals(t.threadState()));
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    /**
     * Completes (with the reason) when Kafka Streams goes to ERROR: a stream thread kept failing past its replacements
     * ({@link ThreadReplacement}), so the process should exit and be restarted.
     */
    public CompletionStage<String> failure() {
        return failure.copy();
    }

    /** The search index (tests). */
    SearchIndex search() {
        return search;
    }

    /** The queries this instance answers (tests, in-process measurements). */
    QueryService query() {
        return query;
    }

    /**
     * The search index, kept in {@code STATE_DIR/<application-id>-search} across runs ({@link SearchIndex#kept}); when
     * another process has that one open (two sinks sharing a state dir), one of this run only, named by the port.
     */
    private static SearchIndex searchIndex(SinkOptions opts, int port, long refreshMs) {
        try {
            return SearchIndex.kept(opts.stateDir().resolve(opts.applicationId() + "-search"), refreshMs);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof org.apache.lucene.store.LockObtainFailedException)) throw e;
            log.warn("search index in {} is in use by another process: this sink rebuilds one of its own at every start",
                    opts.stateDir());
            return SearchIndex.onDisk(opts.stateDir().resolve(opts.applicationId() + "-search-" + port), refreshMs);
        }
    }

    KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            api.stop();
        } catch (RuntimeException e) {
            log.warn("stopping HTTP failed", e);
        }
        try {
            streamsMetrics.close();
        } catch (RuntimeException e) {
            log.debug("closing streams metrics failed", e);
        }
        // Leave the group on close: the other instances take this one's partitions at once instead of after the
        // session timeout, so "any instance answers any request" holds again within a rebalance.
        CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        search.stopping(); // tasks closing from here leave their share of the index for the next run
        if (!streams.close(leave)) log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        // The internal listener last: the other sinks keep being answered while this one leaves the group.
        try {
            internal.stop();
        } catch (RuntimeException e) {
            log.warn("stopping the internal HTTP listener failed", e);
        }
        peers.close();
        search.close();
        registry.close();
    }
}
