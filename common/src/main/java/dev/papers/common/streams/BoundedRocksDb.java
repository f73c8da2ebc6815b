package dev.papers.common.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.IndexType;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of the JVM shares one LRU cache of {@value StreamsDefaults#ROCKSDB_MEMORY_MB} MiB that also
 * accounts the memtables (the bounded-memory recipe of the Kafka Streams memory guide). Without it each store
 * instance (one per store and partition: 6 in the processor, 12 in the sink) gets its own 50 MiB block cache and up
 * to 3 × 16 MiB memtables, which was most of the services' resident memory in the benchmarks and grows with
 * partitions, not data. {@code 0} leaves RocksDB's defaults. The cache is sized by the first store of the JVM.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** Created on first use, when Kafka Streams has loaded the native library. */
    private static final class Shared {
        static Cache cache;
        static WriteBufferManager writeBuffers;

        static synchronized void init(long bytes) {
            if (cache != null) return;
            RocksDB.loadLibrary();
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 2, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long mb = StreamsDefaults.rocksDbMemoryMb(configs);
        if (mb <= 0) return;
        Shared.init(mb * 1024 * 1024);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.cache);
        // Index and filter blocks live in the bounded cache too, so they must be partitioned: an SST's whole index or
        // filter as one block is evicted and re-read whole, which made every store read (the KTable source reads the
        // old value of each record) slower as the stores grew. The top level stays pinned.
        table.setIndexType(IndexType.kTwoLevelIndexSearch);
        table.setPartitionFilters(true);
        table.setFilterPolicy(new BloomFilter(10, false));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(Shared.writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // shared by every store of the JVM: never closed per store
    }
}
