package dev.papers.ingest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor ({@code interceptor.classes}) that records where every acknowledged record was written: an
 * observer of the acknowledgements independent of {@link IngestJob}'s own bookkeeping.
 */
public final class AckRecorder implements ProducerInterceptor<Object, Object> {
    static final Set<String> ACKED = ConcurrentHashMap.newKeySet();

    static String at(int partition, long offset) {
        return partition + "@" + offset;
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null && metadata != null && metadata.hasOffset()) ACKED.add(at(metadata.partition(), metadata.offset()));
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
