package dev.papers.sink;

import dev.papers.common.PapersConfig;
import dev.papers.common.streams.StreamsDefaults;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The serving side: materializes the compacted topics and answers HTTP queries over them. */
public final class SinkService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final HttpApi api;
    private final KafkaStreams streams;
    private final PaperStoreReader reader;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final String baseUrl;
    private final SearchIndex search;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SinkService(HttpApi api, KafkaStreams streams, PaperStoreReader reader, PrometheusMeterRegistry registry,
                        KafkaStreamsMetrics streamsMetrics, String baseUrl, SearchIndex search) {
        this.search = search;
        this.api = api;
        this.streams = streams;
        this.reader = reader;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.baseUrl = baseUrl;
    }

    public static SinkService start(PapersConfig cfg, SinkOptions opts) {
        Map<String, String> overrides = new HashMap<>(opts.streamsOverrides());
        int partitions = Integer.parseInt(overrides.getOrDefault(SinkOptions.TOPIC_PARTITIONS, "3"));
        overrides.remove(SinkOptions.TOPIC_PARTITIONS);
        dev.papers.common.TopicSetup.ensureTopics(cfg, partitions, dev.papers.common.TopicSetup.BROKER_DEFAULT_REPLICATION);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpApi api = new HttpApi(registry);
        int port = api.start(opts.httpHost(), opts.httpPort());
        KafkaStreams streams = null;
        KafkaStreamsMetrics metrics = null;
        // One index per process (the port tells two sinks sharing a state dir apart); rebuilt from the stores at start.
        SearchIndex search = SearchIndex.onDisk(opts.stateDir().resolve(opts.applicationId() + "-search-" + port),
                Long.parseLong(overrides.getOrDefault(SinkOptions.SEARCH_REFRESH_MS, "" + SinkOptions.DEFAULT_SEARCH_REFRESH_MS)));
        overrides.remove(SinkOptions.SEARCH_REFRESH_MS);
        try {
            Properties p = cfg.baseClientProperties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, opts.applicationId());
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, opts.httpHost() + ":" + port);
            p.put(StreamsConfig.STATE_DIR_CONFIG, opts.stateDir().toAbsolutePath().toString());
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
            p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
            p.putAll(overrides);
            StreamsDefaults.apply(p); // below the overrides: they win
            p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, SinkTopology.OPTIMIZATION);
            streams = new KafkaStreams(SinkTopology.build(cfg, search), p);
            metrics = new KafkaStreamsMetrics(streams);
            metrics.bindTo(registry);
            PaperStoreReader reader = new PaperStoreReader(streams, cfg, search);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            QueryService query = new QueryService(streams, new HostInfo(opts.httpHost(), port), reader, http);
            String baseUrl = "http://" + opts.httpHost() + ":" + port;
            SinkService service = new SinkService(api, streams, reader, registry, metrics, baseUrl, search);
            api.attach(query, service::isReady);
            streams.start();
            log.info("sink {} serving on {}", opts.applicationId(), baseUrl);
            return service;
        } catch (RuntimeException e) {
            api.stop();
            if (metrics != null) metrics.close();
            if (streams != null) streams.close(CLOSE_TIMEOUT);
            search.close();
            registry.close();
            throw e;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** RUNNING, the papers store queryable and the search index complete. */
    public boolean isReady() {
        return !closed.get() && streams.state() == KafkaStreams.State.RUNNING && reader.queryable();
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
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
        if (!streams.close(leave)) log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        search.close();
        registry.close();
    }
}
