package dev.papers.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** One ObjectMapper and one generic Jackson serde for every record of the model, in every module and test. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The last record this thread serialised and its bytes. The processor writes each merged paper twice in a row
     * (dedup store, then the papers topic): the second write reuses the bytes. {@link Paper} only: a deeply immutable
     * record, so the same instance always gives the same JSON; the byte array is never modified by Kafka or RocksDB.
     */
    private static final ThreadLocal<Object[]> LAST_WRITTEN = ThreadLocal.withInitial(() -> new Object[2]);

    private Json() {}

    public static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> ser = (topic, value) -> {
            if (value == null) return null;
            Object[] last = LAST_WRITTEN.get();
            if (last[0] == value) return (byte[]) last[1];
            try {
                byte[] bytes = MAPPER.writeValueAsBytes(value);
                if (value instanceof Paper) {
                    last[0] = value;
                    last[1] = bytes;
                }
                return bytes;
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
            }
        };
        Deserializer<T> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("not a " + type.getSimpleName() + " JSON value: " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * {@link #serde} whose serializer refuses a value over {@code maxBytes} with a {@link SerializationException}
     * naming both sizes: Kafka Streams hands that to its exception handlers (a dead letter), whereas a record too
     * large for the producer would fail inside an exactly-once transaction and be retried forever.
     */
    public static <T> Serde<T> serde(Class<T> type, int maxBytes) {
        Serde<T> inner = serde(type);
        Serializer<T> ser = (topic, value) -> {
            byte[] b = inner.serializer().serialize(topic, value);
            if (b != null && b.length > maxBytes) {
                throw new SerializationException(type.getSimpleName() + " of " + b.length + " bytes for " + topic
                        + " is over the record bound of " + maxBytes + " bytes");
            }
            return b;
        };
        return Serdes.serdeFrom(ser, inner.deserializer());
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " JSON value: " + e.getMessage(), e);
        }
    }
}
