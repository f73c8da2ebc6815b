package dev.papers.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** A dead letter is bounded whatever the failed record and exception, and says where the record came from. */
class DeadLettersTest {
    private static final String DLQ = "listings.dead-letters";

    private record Ctx(Headers headers) implements ErrorHandlerContext {
        @Override public String topic() { return "papers"; }
        @Override public int partition() { return 2; }
        @Override public long offset() { return 41; }
        @Override public String processorNodeId() { return "index-papers-for-search"; }
        @Override public TaskId taskId() { return new TaskId(0, 2); }
        @Override public long timestamp() { return 1_700_000_000_000L; }
        @Override public byte[] sourceRawKey() { return null; }
        @Override public byte[] sourceRawValue() { return null; }
    }

    @Test
    void aHugeRecordAndMessageMakeABoundedLetterWithItsOrigin() {
        byte[] key = "k".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        byte[] value = "v".repeat(900_000).getBytes(StandardCharsets.UTF_8);
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetters.H_REASON, "stale reason of an earlier failure".getBytes(StandardCharsets.UTF_8));
        Exception e = new IllegalStateException("bad\n" + "m".repeat(100_000), new RuntimeException("root cause"));

        ProducerRecord<byte[], byte[]> d = DeadLetters.letter(DLQ, "process", new Ctx(original), key, value, e);

        assertThat(d.topic()).isEqualTo(DLQ);
        assertThat(d.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(d.key()).hasSize(64 * 1024);
        assertThat(Arrays.equals(d.key(), Arrays.copyOf(key, 64 * 1024))).isTrue();
        assertThat(d.value()).hasSize(64 * 1024);
        assertThat(header(d, DeadLetters.H_KEY_BYTES)).isEqualTo("200000");
        assertThat(header(d, DeadLetters.H_VALUE_BYTES)).isEqualTo("900000");
        assertThat(header(d, DeadLetters.H_TOPIC)).isEqualTo("papers");
        assertThat(header(d, DeadLetters.H_PARTITION)).isEqualTo("2");
        assertThat(header(d, DeadLetters.H_OFFSET)).isEqualTo("41");
        assertThat(header(d, DeadLetters.H_STAGE)).isEqualTo("process");
        assertThat(header(d, DeadLetters.H_NODE)).isEqualTo("index-papers-for-search");
        assertThat(header(d, DeadLetters.H_EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(d, DeadLetters.H_MESSAGE).length()).isLessThanOrEqualTo(8 * 1024 + 1);
        assertThat(header(d, DeadLetters.H_STACKTRACE).length()).isLessThanOrEqualTo(8 * 1024 + 1);
        String reason = header(d, DeadLetters.H_REASON);
        assertThat(reason).startsWith("IllegalStateException: bad m").doesNotContain("\n").hasSizeLessThanOrEqualTo(1001);
        // the record's own headers travel with it, but not an earlier letter's error headers
        assertThat(header(d, "trace-id")).isEqualTo("abc");
        assertThat(d.headers().headers(DeadLetters.H_REASON)).hasSize(1);
        int total = d.key().length + d.value().length;
        for (var h : d.headers()) total += h.key().length() + (h.value() == null ? 0 : h.value().length);
        assertThat(total).isLessThan(160 * 1024); // far under the producer's 1 MiB max.request.size
    }

    @Test
    void theReasonNamesTheCauses() {
        Exception e = new IllegalArgumentException("paper x not indexed", new java.io.IOException("disk\tfull"));
        assertThat(DeadLetters.reason(e)).isEqualTo("IllegalArgumentException: paper x not indexed <- IOException: disk full");
    }

    @Test
    void configNamesTheTopicAndEveryHandler() {
        Map<String, String> c = DeadLetters.config(DLQ);
        assertThat(c).containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnDeserialization.class.getName())
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProcessing.class.getName())
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProduction.class.getName());
    }

    @Test
    void aHandlerResumesWithTheLetterAndNeedsItsTopic() {
        DeadLetters.OnDeserialization h = new DeadLetters.OnDeserialization();
        assertThatThrownBy(() -> h.configure(Map.of())).hasMessageContaining(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        h.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ));
        ConsumerRecord<byte[], byte[]> rec = new ConsumerRecord<>("papers", 2, 41, "k".getBytes(), "not json".getBytes());
        DeserializationExceptionHandler.Response r = h.handleError(new Ctx(new RecordHeaders()), rec, new RuntimeException("bad"));
        assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        List<ProducerRecord<byte[], byte[]>> letters = r.deadLetterQueueRecords();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).topic()).isEqualTo(DLQ);
        assertThat(header(letters.get(0), DeadLetters.H_STAGE)).isEqualTo("deserialize");
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String k) {
        var h = r.headers().lastHeader(k);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
