package dev.papers.sink;

import dev.papers.common.streams.RecordFailedException;
import java.util.Iterator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the {@link SearchIndex} in step with one partition of the papers table. Kafka Streams calls {@code init}
 * once the task's stores are restored, so the partition's share is rebuilt from the store there, unless the index
 * kept the last run's share and it is still right ({@link SearchIndex#resume}); after that every change of the
 * table passes through {@code process}. {@code close} drops the share when the partition moves, keeps it when the
 * sink stops ({@link SearchIndex#release}).
 * A paper the index cannot take throws from {@code process}: Kafka Streams' processing handler
 * ({@link dev.papers.common.streams.DeadLetters}) writes it to the dead-letter topic and the thread goes on.
 */
final class SearchIndexer implements Processor<String, byte[], Void, Void> {
    private final SearchIndex index;
    private int partition = -1;

    SearchIndexer(SearchIndex index) {
        this.index = index;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        partition = context.taskId().partition();
        if (index.resume(partition)) return; // the last run's share is still right: no rebuild
        KeyValueStore<String, ValueAndTimestamp<byte[]>> store = context.getStateStore(SinkTopology.PAPERS_STORE);
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> it = store.all()) {
            index.rebuild(partition, new Iterator<>() {
                @Override public boolean hasNext() { return it.hasNext(); }

                @Override public KeyValue<String, byte[]> next() {
                    KeyValue<String, ValueAndTimestamp<byte[]>> kv = it.next();
                    return KeyValue.pair(kv.key, kv.value == null ? null : kv.value.value());
                }
            });
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) return;
        try {
            index.put(partition, record.key(), record.value());
        } catch (StackOverflowError | OutOfMemoryError e) {
            // One paper's text exhausting the stack or the heap in analysis costs that paper (a dead letter), not the thread.
            throw RecordFailedException.contain("indexing paper " + PaperJson.shortId(record.key()), e);
        }
    }

    @Override
    public void close() {
        if (partition >= 0) index.release(partition);
    }
}
