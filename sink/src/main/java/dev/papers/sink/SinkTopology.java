package dev.papers.sink;

import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sink topology: the papers table, a reject counter, an arXiv index (arXiv id → paper ids) re-keyed from the
 * papers table, so an arXiv id listed under two titles is found in one place, and the Lucene {@link SearchIndex} fed
 * from the papers table's changes. The {@code papers.by-tag} topic is not read: tag lists, counts and similar papers
 * come from the index, which follows each paper's own tags (materializing the topic cost ~8 store writes per entry).
 */
public final class SinkTopology {
    public static final String PAPERS_STORE = "papers-store";
    public static final String REJECTS_STORE = "rejects-count-store";
    public static final String ARXIV_STORE = "papers-by-arxiv-store";
    /** Name of the re-keying step; Kafka Streams names its internal topic {@code <application.id>-<this>-repartition}. */
    public static final String ARXIV_REPARTITION = "papers-by-arxiv";

    /**
     * The sink's tables are exact copies of compacted topics: with source-topic reuse their changelog <i>is</i> the
     * topic, so the sink writes nothing back (without it every paper and tag-index record was produced a second time
     * into a changelog topic: the sink's largest cost in the benchmarks). {@code all} also covers the arXiv repartition.
     */
    static final String OPTIMIZATION = StreamsConfig.OPTIMIZE;

    private SinkTopology() {}

    /** The topology with a search index on the heap that nothing queries (tests of the tables alone). */
    public static Topology build(PapersConfig cfg) {
        return build(cfg, SearchIndex.inMemory());
    }

    /** @param search kept in step with the papers table by {@link SearchIndexer} (lists, search, tag counts) */
    public static Topology build(PapersConfig cfg, SearchIndex search) {
        StreamsBuilder builder = new StreamsBuilder();
        // Papers are kept as the JSON bytes of the topic and decoded when read (PaperStoreReader): materialising is a
        // byte copy, where decoding and re-encoding every paper was over a quarter of the sink's CPU in the 100 k profile.
        KTable<String, byte[]> papers = builder.table(cfg.papersTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(PAPERS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray())
                        // Keys rarely repeat within a commit, so the record cache only costs (a sorted map per
                        // record, ~20 % of the sink's CPU in the 100 k profile) and delays queryability.
                        .withCachingDisabled());
        // Every change of the table feeds the search index; the indexer reads the restored store to rebuild its share.
        papers.toStream(Named.as("paper-changes"))
                .process(() -> new SearchIndexer(search), Named.as("index-papers-for-search"), PAPERS_STORE);
        // A table groupBy, not a stream one: when a paper's arXiv id changes (or the paper goes), the old pairing is
        // subtracted, so the index holds the current state only. Papers without an id are not decoded at all.
        papers.mapValues(PaperJson::arxivId, Named.as("arxiv-id-of-paper"))
                .filter((id, arxiv) -> arxiv != null, Named.as("papers-with-arxiv-id"))
                .groupBy((id, arxiv) -> KeyValue.pair(arxiv, id), Grouped.with(ARXIV_REPARTITION, Serdes.String(), Serdes.String()))
                .aggregate(ArxivTitles::none, (arxiv, id, agg) -> agg.with(id), (arxiv, id, agg) -> agg.without(id),
                        Named.as("index-arxiv-ids"),
                        Materialized.<String, ArxivTitles, KeyValueStore<Bytes, byte[]>>as(ARXIV_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Json.serde(ArxivTitles.class)));
        // Rejects are keyed by source: count per source, co-partitioned with the input (no repartition).
        builder.stream(cfg.rejectsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .filter((k, v) -> k != null)
                .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(REJECTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        Properties optimize = new Properties();
        optimize.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, OPTIMIZATION);
        return builder.build(optimize);
    }
}
