package dev.papers.bench.scale;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Experiment for {@code papers bench --bounded-rocksdb-mb N}: every RocksDB store of the JVM shares one LRU cache
 * of N MiB that also accounts the memtables (the bounded-memory recipe of the Kafka Streams memory docs). By
 * default each store instance (one per store and partition) gets its own 50 MiB block cache and up to 3 × 16 MiB
 * memtables, which is most of the processor's and sink's off-heap RSS. Size from {@code -Dpapers.bench.rocksdb.mb}.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    static final String PROPERTY = "papers.bench.rocksdb.mb";
    private static final long TOTAL = Long.getLong(PROPERTY, 64) * 1024 * 1024;

    /** Created on first use: the native library is loaded by then (Streams configures the stores after loading it). */
    private static final class Shared {
        static {
            RocksDB.loadLibrary();
        }

        static final Cache CACHE = new LRUCache(TOTAL, -1, false, 0.1);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL / 2, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Cache cache = Shared.CACHE;
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // shared by every store of the JVM: never closed per store
    }
}
