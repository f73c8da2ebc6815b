package dev.papers.processor;

import dev.papers.common.streams.Liveness;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's small HTTP port for supervisors: {@code /health/live} (200 unless the Streams client is dead:
 * ERROR, or stopped without a close being asked), {@code /health/ready} (200 while RUNNING) and {@code /metrics}
 * (Prometheus: Kafka Streams' own metrics, consumer lag and dropped records included).
 */
public final class ProcessorHealth implements AutoCloseable {
    private final Javalin http;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics metrics;

    private ProcessorHealth(Javalin http, PrometheusMeterRegistry registry, KafkaStreamsMetrics metrics) {
        this.http = http;
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Starts on {@code host:port} (port 0: any free port). */
    public static ProcessorHealth start(KafkaStreams streams, BooleanSupplier closing, String host, int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        Javalin http = Javalin.create(c -> {
            c.showJavalinBanner = false;
        });
        http.get("/health/live", ctx -> {
            boolean live = Liveness.live(streams.state(), closing.getAsBoolean());
            ctx.status(live ? 200 : 503).json(Map.of("live", live, "state", streams.state().name()));
        });
        http.get("/health/ready", ctx -> {
            boolean ready = streams.state() == KafkaStreams.State.RUNNING;
            ctx.status(ready ? 200 : 503).json(Map.of("ready", ready, "state", streams.state().name()));
        });
        http.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        http.start(host, port);
        return new ProcessorHealth(http, registry, metrics);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        metrics.close();
        registry.close();
    }
}
