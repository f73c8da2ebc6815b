package dev.papers.processor;

import dev.papers.common.PapersConfig;
import dev.papers.common.TopicSetup;
import dev.papers.common.streams.StreamsDefaults;
import dev.papers.tagging.Tagger;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the processor topology: creates missing topics, starts Kafka Streams, closes cleanly. */
public final class ProcessorService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorService.class);
    private final KafkaStreams streams;

    private ProcessorService(KafkaStreams streams) {
        this.streams = streams;
    }

    public static ProcessorService start(PapersConfig cfg, ProcessorOptions opts) {
        // Replication -1: the broker's default.replication.factor, so a 3-node cluster gets replicated topics unasked.
        TopicSetup.ensureTopics(cfg, opts.partitions(), TopicSetup.BROKER_DEFAULT_REPLICATION, opts.rawRetentionMs());
        Tagger tagger = opts.taxonomy() == null ? Tagger.fromDefaultTaxonomy() : Tagger.fromFile(opts.taxonomy());
        KafkaStreams streams = new KafkaStreams(PapersTopology.buildTopology(cfg, tagger, opts.maxPageChars(), opts.pageTimeout()),
                streamsConfig(cfg, opts));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("processor stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new ProcessorService(streams);
    }

    public static Properties streamsConfig(PapersConfig cfg, ProcessorOptions opts) {
        Properties p = cfg.baseClientProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, opts.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, opts.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, opts.guarantee());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.putAll(opts.streamsOverrides());
        StreamsDefaults.apply(p); // below the overrides: they win
        return p;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
