package dev.papers.common.streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers (KIP-1034), shared by the processor and the sink: a record that fails while being
 * deserialized, processed (parse, merge, tag, index, a store write over its bound) or serialized for output is
 * written to the dead-letter topic ({@code errors.dead.letter.queue.topic.name}) and processing goes on with the next
 * record. Under exactly-once the dead letter is part of the same transaction as the outputs of the records around it.
 * {@link #config} gives a client the settings.
 *
 * <p>Unlike Kafka's own handlers, the dead letter is bounded: its key and value are the failed record's cut to
 * {@link #MAX_SAMPLE_BYTES} (a whole page can be megabytes, any producer may write a huge key), the message and the
 * stack trace to {@link #MAX_TRACE_CHARS}. Headers use Kafka's names ({@code __streams.errors.*}: exception, message,
 * stacktrace, topic, partition, offset) plus {@code papers.errors.stage}, {@code papers.errors.node},
 * {@code papers.errors.reason} (one line), {@code papers.errors.value.bytes} and {@code papers.errors.key.bytes}
 * (the original sizes).
 */
public final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    public static final int MAX_SAMPLE_BYTES = 64 * 1024;
    public static final int MAX_TRACE_CHARS = 8 * 1024;

    public static final String H_EXCEPTION = "__streams.errors.exception";
    public static final String H_MESSAGE = "__streams.errors.message";
    public static final String H_STACKTRACE = "__streams.errors.stacktrace";
    public static final String H_TOPIC = "__streams.errors.topic";
    public static final String H_PARTITION = "__streams.errors.partition";
    public static final String H_OFFSET = "__streams.errors.offset";
    public static final String H_STAGE = "papers.errors.stage";
    public static final String H_NODE = "papers.errors.node";
    public static final String H_REASON = "papers.errors.reason";
    public static final String H_VALUE_BYTES = "papers.errors.value.bytes";
    public static final String H_KEY_BYTES = "papers.errors.key.bytes";

    private DeadLetters() {}

    /**
     * The Streams settings that send every failed record of a client to {@code deadLetterTopic}: the three handlers
     * and the topic. Every client of a topology that must not stop on one record needs them.
     */
    public static Map<String, String> config(String deadLetterTopic) {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, OnDeserialization.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, OnProcessing.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true", // no global store; quiets a warning
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OnProduction.class.getName());
    }

    /** The dead letter for one failed record; {@code key}/{@code value} are the failed record's bytes (may be null). */
    static ProducerRecord<byte[], byte[]> letter(String dlqTopic, String stage, ErrorHandlerContext ctx, byte[] key,
                                                 byte[] value, Throwable e) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(dlqTopic, null, ctx.timestamp() < 0 ? null : ctx.timestamp(),
                sample(key), sample(value));
        for (Header h : ctx.headers() == null ? List.<Header>of() : Arrays.asList(ctx.headers().toArray())) {
            if (!h.key().startsWith("__streams.errors.") && !h.key().startsWith("papers.errors.")) r.headers().add(h);
        }
        add(r, H_EXCEPTION, e.getClass().getName());
        add(r, H_MESSAGE, cut(e.getMessage(), MAX_TRACE_CHARS));
        add(r, H_STACKTRACE, trace(e));
        add(r, H_TOPIC, ctx.topic());
        add(r, H_PARTITION, String.valueOf(ctx.partition()));
        add(r, H_OFFSET, String.valueOf(ctx.offset()));
        add(r, H_STAGE, stage);
        add(r, H_NODE, ctx.processorNodeId());
        add(r, H_REASON, reason(e));
        add(r, H_VALUE_BYTES, value == null ? "0" : String.valueOf(value.length));
        add(r, H_KEY_BYTES, key == null ? "0" : String.valueOf(key.length));
        log.warn("dead letter ({} at {}, {}-{}@{}): {}", stage, ctx.processorNodeId(), ctx.topic(), ctx.partition(), ctx.offset(), reason(e));
        return r;
    }

    private static byte[] sample(byte[] b) {
        return b == null || b.length <= MAX_SAMPLE_BYTES ? b : Arrays.copyOf(b, MAX_SAMPLE_BYTES);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** One line: the exception and its causes' messages, e.g. "SerializationException: ... ← JsonParseException: ...". */
    public static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) sb.append(": ").append(cut(t.getMessage(), 1000).replaceAll("\\s+", " "));
        }
        return sb.length() > 1000 ? sb.substring(0, 1000) + "…" : sb.toString();
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return cut(w.toString(), MAX_TRACE_CHARS);
    }

    private static void add(ProducerRecord<byte[], byte[]> r, String k, String v) {
        r.headers().add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8));
    }

    private static String topic(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (t == null) throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " is not set");
        return t.toString();
    }

    /** An undeserializable record (e.g. a corrupt value on the repartition topic): dead letter, go on. */
    public static final class OnDeserialization implements DeserializationExceptionHandler {
        private String topic;

        @Override
        public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> rec, Exception e) {
            return Response.resume(List.of(letter(topic, "deserialize", ctx, rec.key(), rec.value(), e)));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }
    }

    /** An exception from a processor (parser, merge, tagger, search index, a store write over its bound): dead letter, go on. */
    public static final class OnProcessing implements ProcessingExceptionHandler {
        private String topic;

        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> rec, Exception e) {
            return Response.resume(List.of(letter(topic, "process", ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), e)));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }
    }

    /**
     * An output that cannot be serialized (over its bound included): dead letter with the output's own bytes where
     * there are some, else the input's. A broker-side error that may pass is retried; any other is a dead letter.
     */
    public static final class OnProduction implements ProductionExceptionHandler {
        private String topic;

        @Override
        public Response handleError(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> rec, Exception e) {
            if (e instanceof RetriableException) return Response.retry();
            return Response.resume(List.of(letter(topic, "produce", ctx, rec.key(), rec.value(), e)));
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext ctx, ProducerRecord rec, Exception e,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(List.of(letter(topic, "serialize " + origin.toString().toLowerCase(java.util.Locale.ROOT),
                    ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), e)));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }
    }
}
