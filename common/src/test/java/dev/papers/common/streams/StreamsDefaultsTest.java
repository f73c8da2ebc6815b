package dev.papers.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class StreamsDefaultsTest {
    @Test
    void defaultsBoundRocksDbAndCompressButUserSettingsWin() {
        Properties p = new Properties();
        StreamsDefaults.apply(p);
        assertThat(p).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName())
                .containsEntry(StreamsDefaults.ROCKSDB_MEMORY_MB, "64")
                .containsEntry("producer.compression.type", "lz4")
                .containsEntry("main.consumer.session.timeout.ms", "10000");
        // What the main consumer is given: the 10 s session, not the client default of 45 s.
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "t");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        assertThat(new StreamsConfig(p).getMainConsumerConfigs("g", "c", 0)).containsEntry("session.timeout.ms", "10000");

        Properties user = new Properties();
        user.put(StreamsDefaults.ROCKSDB_MEMORY_MB, "0");
        user.put("compression.type", "zstd"); // a plain client setting (--kafka-prop) is not shadowed by a prefixed default
        user.put("session.timeout.ms", "45000");
        StreamsDefaults.apply(user);
        assertThat(user).containsEntry(StreamsDefaults.ROCKSDB_MEMORY_MB, "0").doesNotContainKey("producer.compression.type")
                .doesNotContainKey("main.consumer.session.timeout.ms");
    }

    @Test
    void storesShareOneBoundedCacheAndZeroLeavesRocksDbDefaults() {
        RocksDB.loadLibrary();
        try (Options a = new Options(); Options b = new Options(); Options untouched = new Options()) {
            a.setTableFormatConfig(new BlockBasedTableConfig());
            b.setTableFormatConfig(new BlockBasedTableConfig());
            untouched.setTableFormatConfig(new BlockBasedTableConfig());
            BoundedRocksDb setter = new BoundedRocksDb();
            setter.setConfig("s1", a, Map.of(StreamsDefaults.ROCKSDB_MEMORY_MB, "16"));
            setter.setConfig("s2", b, Map.of(StreamsDefaults.ROCKSDB_MEMORY_MB, "16"));
            setter.setConfig("s3", untouched, Map.of(StreamsDefaults.ROCKSDB_MEMORY_MB, "0"));
            assertThat(a.writeBufferSize()).isEqualTo(8L * 1024 * 1024);
            assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(b.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(untouched.writeBufferSize()).isEqualTo(new Options().writeBufferSize());
            assertThat(untouched.maxWriteBufferNumber()).isEqualTo(new Options().maxWriteBufferNumber());
        }
    }

    @Test
    void aBadSizeIsNamed() {
        assertThatThrownBy(() -> StreamsDefaults.rocksDbMemoryMb(Map.of(StreamsDefaults.ROCKSDB_MEMORY_MB, "lots")))
                .hasMessageContaining(StreamsDefaults.ROCKSDB_MEMORY_MB).hasMessageContaining("lots");
    }
}
