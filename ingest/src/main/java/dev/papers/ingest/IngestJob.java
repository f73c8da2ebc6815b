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
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads pages and publishes them as chunks keyed by source name to the raw topic. */
public final class IngestJob {
    private static final Logger log = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    public static IngestSummary run(PapersConfig cfg, List<Sources.Source> sources, IngestOptions opts) throws IOException {
        long t0 = System.nanoTime();
        Properties props = producerProperties(cfg);
        long pages = 0;
        long chunks = 0;
        long totalBytes = 0;
        AtomicReference<FailedSend> failure = new AtomicReference<>();
        ProgressBar bar = opts.progress() ? progressBar(sources) : null;
        try (KafkaProducer<String, Chunk> producer =
                new KafkaProducer<>(props, new StringSerializer(), Json.serde(Chunk.class).serializer())) {
            for (Sources.Source src : sources) {
                checkFailure(failure);
                byte[] raw = read(src);
                String text = decode(raw);
                String ingestId = UUID.randomUUID().toString();
                List<Chunk> parts = Chunker.chunk(src.name(), ingestId, text, opts.chunkBytes());
                log.debug("ingesting {} ({} bytes) as {} in {} chunks", src.name(), raw.length, ingestId, parts.size());
                for (Chunk c : parts) {
                    producer.send(new ProducerRecord<>(cfg.rawTopic(), src.name(), c), (md, ex) -> {
                        if (ex != null) failure.compareAndSet(null, new FailedSend(src.name(), ex));
                    });
                }
                pages++;
                chunks += parts.size();
                totalBytes += raw.length;
                if (bar != null) bar.stepBy(raw.length);
            }
            producer.flush();
            checkFailure(failure);
        } catch (org.apache.kafka.common.KafkaException e) {
            FailedSend f = failure.get();
            if (f != null) throw new IOException("failed to publish " + f.source + ": " + f.error.getMessage(), f.error);
            throw new IOException("failed to publish to " + cfg.rawTopic() + ": " + e.getMessage(), e);
        } finally {
            if (bar != null) bar.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        IngestSummary summary = new IngestSummary((int) pages, chunks, totalBytes, seconds);
        log.debug(summary.line());
        return summary;
    }

    private record FailedSend(String source, Exception error) {}

    private static void checkFailure(AtomicReference<FailedSend> failure) throws IOException {
        FailedSend f = failure.get();
        if (f != null) {
            throw new IOException("failed to publish " + f.source + ": " + f.error.getMessage(), f.error);
        }
    }

    /** Defaults first, user's pass-through properties on top; idempotence and acks=all always enforced. */
    public static Properties producerProperties(PapersConfig cfg) {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, lz4Available() ? "lz4" : "none");
        p.putAll(cfg.baseClientProperties());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
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
