package dev.papers.ingest;

import dev.papers.common.Chunk;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pages and publishes them as chunks keyed by source name to the raw topic. Every blocking step is bounded
 * ({@link PublishTimeouts}); a run that cannot publish every page throws {@link IngestFailedException} naming them.
 */
public final class IngestJob {
    private static final Logger log = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    /**
     * Publishes every page; returns when each chunk is acknowledged. Otherwise stops sending at the first failure,
     * gives the chunks still out one request timeout to settle and throws {@link IngestFailedException}.
     */
    public static IngestSummary run(PapersConfig cfg, List<Sources.Source> sources, IngestOptions opts) throws IOException {
        long t0 = System.nanoTime();
        Properties props = producerProperties(cfg);
        PageLedger ledger = new PageLedger(sources);
        KafkaProducer<String, Chunk> producer;
        PublishTimeouts limits;
        try {
            producer = new KafkaProducer<>(props, new StringSerializer(), Json.serde(Chunk.class).serializer());
            limits = PublishTimeouts.of(props);
        } catch (KafkaException e) {
            throw failed(ledger, t0, "invalid Kafka client settings: " + rootMessage(e), false, e);
        }
        boolean clean = false;
        try {
            String problem = BrokerCheck.problem(cfg.bootstrapServers(), cfg.rawTopic(), props, producer, limits);
            if (problem != null) throw failed(ledger, t0, problem, false, null);
            send(cfg, sources, opts, producer, ledger);
            // Kafka ends each chunk within the delivery timeout; the margin only guards against a callback never run.
            long deadline = System.nanoTime() + limits.delivery().plus(limits.request()).toNanos();
            boolean settled = ledger.awaitSettled(deadline, true);
            Exception error = ledger.firstError();
            if (error != null) {
                // Chunks already on the wire to a live broker are answered within a request timeout.
                ledger.awaitSettled(System.nanoTime() + limits.request().toNanos(), false);
                throw failed(ledger, producer, t0, describe(error, ledger.firstErrorPage(), cfg), error);
            }
            if (!settled) {
                throw failed(ledger, producer, t0, "Kafka at " + cfg.bootstrapServers() + " did not acknowledge every chunk within "
                        + PublishTimeouts.seconds(limits.delivery().plus(limits.request())), null);
            }
            clean = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(ledger, producer, t0, "interrupted", e);
        } finally {
            // After a failure, whatever is still queued must not go out later: close at once (its chunks fail).
            producer.close(clean ? limits.request() : Duration.ZERO);
        }
        IngestSummary summary = ledger.outcome(seconds(t0)).published();
        log.debug(summary.line());
        return summary;
    }

    /** Hands every chunk to the producer, page by page, until the first failure. */
    private static void send(PapersConfig cfg, List<Sources.Source> sources, IngestOptions opts,
                             KafkaProducer<String, Chunk> producer, PageLedger ledger) {
        ProgressBar bar = opts.progress() ? progressBar(sources) : null;
        try {
            for (int i = 0; i < sources.size() && ledger.firstError() == null; i++) {
                Sources.Source src = sources.get(i);
                byte[] raw;
                try {
                    raw = read(src);
                } catch (IOException e) {
                    ledger.fail(i, e);
                    return;
                }
                // A new id per run: a page sent again is a fresh page of its source to the processor, from seq 0.
                String ingestId = UUID.randomUUID().toString();
                List<Chunk> parts = Chunker.chunk(src.name(), ingestId, decode(raw), opts.chunkBytes());
                log.debug("ingesting {} ({} bytes) as {} in {} chunks", src.name(), raw.length, ingestId, parts.size());
                ledger.started(i, parts.size(), raw.length);
                final int page = i;
                for (Chunk c : parts) {
                    if (ledger.firstError() != null) return;
                    ledger.handing(page);
                    try {
                        producer.send(new ProducerRecord<>(cfg.rawTopic(), src.name(), c), (md, ex) -> {
                            if (ex == null) ledger.acked(page);
                            else ledger.failed(page, ex);
                        });
                    } catch (KafkaException e) {
                        ledger.failed(page, e);
                        return;
                    }
                }
                if (bar != null) bar.stepBy(raw.length);
            }
        } finally {
            if (bar != null) bar.close();
        }
    }

    private static IngestFailedException failed(PageLedger ledger, KafkaProducer<?, ?> producer, long t0, String reason,
                                                Throwable cause) {
        producer.close(Duration.ZERO); // fails what is still queued, so the outcome below is final
        return failed(ledger, t0, reason, true, cause);
    }

    private static IngestFailedException failed(PageLedger ledger, long t0, String reason, boolean started, Throwable cause) {
        PageLedger.Outcome o = ledger.outcome(seconds(t0));
        return new IngestFailedException(reason, o.published(), o.notPublished(), started, cause);
    }

    /**
     * The first failure in words. Every timeout (a chunk expired, the buffer stayed full, the topic's metadata was
     * lost when the client re-bootstrapped) means the broker stopped answering.
     */
    private static String describe(Exception error, String page, PapersConfig cfg) {
        if (error instanceof IOException) return error.getMessage(); // a page that could not be read
        if (error instanceof TimeoutException) {
            return "Kafka at " + cfg.bootstrapServers() + " stopped answering (" + error.getMessage() + ")";
        }
        return "Kafka at " + cfg.bootstrapServers() + " refused a chunk of " + page + ": " + rootMessage(error);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Defaults first, user's pass-through properties on top; idempotence and acks=all always enforced. */
    public static Properties producerProperties(PapersConfig cfg) {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, lz4Available() ? "lz4" : "none");
        // Bounded waits (Kafka's are 60 s per blocked send and 120 s per chunk): a missing or lost broker is reported soon.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(PublishTimeouts.DEFAULT_MAX_BLOCK_MS));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(PublishTimeouts.DEFAULT_REQUEST_TIMEOUT_MS));
        p.putAll(cfg.baseClientProperties());
        if (!p.containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
            // Kafka rejects a delivery timeout below linger + request timeout: follow a user's longer ones.
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(PublishTimeouts.DEFAULT_DELIVERY_TIMEOUT_MS,
                    millis(p, ProducerConfig.LINGER_MS_CONFIG) + millis(p, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))));
        }
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** A numeric setting, 0 if unparsable (the producer then reports the bad value itself). */
    private static long millis(Properties p, String key) {
        try {
            return Long.parseLong(String.valueOf(p.get(key)).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean lz4Available() {
        try {
            Class.forName("net.jpountz.lz4.LZ4Factory", false, IngestJob.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("lz4 not on the classpath, sending uncompressed");
            return false;
        }
    }

    private static byte[] read(Sources.Source src) throws IOException {
        try {
            if (src.path() == null) {
                InputStream in = System.in;
                return in.readAllBytes();
            }
            return Files.readAllBytes(src.path());
        } catch (IOException e) {
            throw new IOException("cannot read " + src.name() + ": " + e.getMessage(), e);
        }
    }

    /** UTF-8 with malformed input replaced by U+FFFD (the processor flags those lines). */
    public static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
    }

    private static ProgressBar progressBar(List<Sources.Source> sources) {
        long total = 0;
        for (Sources.Source s : sources) {
            if (s.path() == null) {
                total = -1;
                break;
            }
            try {
                total += Files.size(s.path());
            } catch (IOException e) {
                total = -1;
                break;
            }
        }
        return new ProgressBarBuilder()
                .setTaskName("ingest")
                .setInitialMax(total)
                .setUnit(" KiB", 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
