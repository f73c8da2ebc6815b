package dev.papers.sink;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** The sink topology: two materialized tables and a reject counter. */
public final class SinkTopology {
    public static final String PAPERS_STORE = "papers-store";
    public static final String BY_TAG_STORE = "papers-by-tag-store";
    public static final String REJECTS_STORE = "rejects-count-store";

    private SinkTopology() {}

    public static Topology build(PapersConfig cfg) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(cfg.papersTopic(), Consumed.with(Serdes.String(), Json.serde(Paper.class)),
                Materialized.<String, Paper, KeyValueStore<Bytes, byte[]>>as(PAPERS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Json.serde(Paper.class)));
        builder.table(cfg.byTagTopic(), Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(BY_TAG_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        // Rejects are keyed by source: count per source, co-partitioned with the input (no repartition).
        builder.stream(cfg.rejectsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .filter((k, v) -> k != null)
                .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(REJECTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }
}
