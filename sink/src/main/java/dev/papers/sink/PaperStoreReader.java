package dev.papers.sink;

import dev.papers.common.Paper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import dev.papers.common.PapersConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads this instance's local stores only; every iterator is closed. Unavailable stores become 503. */
public final class PaperStoreReader {
    private final KafkaStreams streams;
    /** Store name → whether a topic feeds it (the arXiv index is fed by an internal repartition topic). */
    private final Map<String, Predicate<String>> storeTopics;
    private final SearchIndex search;

    /** How many arXiv ids on two titles {@code /stats} lists (it counts them all). */
    static final int ARXIV_SAMPLE = 20;

    /** @param search the index the topology's {@link SearchIndexer} feeds */
    public PaperStoreReader(KafkaStreams streams, PapersConfig cfg, SearchIndex search) {
        this.streams = streams;
        this.search = search;
        String arxivSuffix = "-" + SinkTopology.ARXIV_REPARTITION + "-repartition";
        this.storeTopics = Map.of(SinkTopology.PAPERS_STORE, cfg.papersTopic()::equals,
                SinkTopology.REJECTS_STORE, cfg.rejectsTopic()::equals,
                SinkTopology.ARXIV_STORE, t -> t.endsWith(arxivSuffix));
    }

    /** Partitions of the store's source topic this instance has active tasks for. */
    private Set<Integer> activePartitions(String storeName) {
        Predicate<String> feeds = storeTopics.get(storeName);
        Set<Integer> out = new TreeSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : t.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) if (feeds.test(tp.topic())) out.add(tp.partition());
            }
        }
        return out;
    }

    private boolean hasActive(String storeName) {
        return !activePartitions(storeName).isEmpty();
    }

    /**
     * The search index, once it holds every papers partition active here (a partition is rebuilt from its store when
     * its task starts): until then a 503, so a list never silently misses a partition's papers.
     */
    public SearchIndex search() {
        if (streams.state() != KafkaStreams.State.RUNNING) throw ApiException.notReady("streams " + streams.state());
        Set<Integer> active = activePartitions(SinkTopology.PAPERS_STORE);
        if (!search.covers(active)) throw ApiException.notReady("search index: rebuilding partitions " + active);
        return search;
    }

    /** An empty store stands in when this instance hosts no partition of it (another instance answers). */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        if (streams.state() != KafkaStreams.State.RUNNING) throw ApiException.notReady("streams " + streams.state());
        if (!hasActive(name)) return new EmptyStore<>();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady(name + " not queryable");
        }
    }

    public Paper paper(String id) {
        return paper(id, null);
    }

    /**
     * A paper from the local store; with {@code partition} (the key's partition from the query metadata) the read is
     * pinned to that partition, so a partition that is not (yet, or no longer) active here is a 503, never a 404.
     */
    public Paper paper(String id, Integer partition) {
        return paper(id, partition, false);
    }

    /** @param stale also read a standby copy of the partition (during a failover, before the owner moves) */
    public Paper paper(String id, Integer partition, boolean stale) {
        return PaperJson.decode(id, paperBytes(id, partition, stale));
    }

    /** The paper as its stored JSON text (what {@code GET /papers/{id}} answers: no decode and re-encode), or null. */
    public String paperJson(String id, Integer partition, boolean stale) {
        return PaperJson.rawObject(id, paperBytes(id, partition, stale));
    }

    private byte[] paperBytes(String id, Integer partition, boolean stale) {
        if (partition == null) {
            try {
                return this.<byte[]>store(SinkTopology.PAPERS_STORE).get(id);
            } catch (InvalidStateStoreException e) {
                throw ApiException.notReady("papers store: " + e.getMessage());
            }
        }
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && !(stale && state == KafkaStreams.State.REBALANCING)) {
            throw ApiException.notReady("streams " + state);
        }
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> params = StoreQueryParameters.fromNameAndType(
                    SinkTopology.PAPERS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()).withPartition(partition);
            ReadOnlyKeyValueStore<String, byte[]> s = streams.store(stale ? params.enableStaleStores() : params);
            return s.get(id);
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady("papers store partition " + partition + ": " + e.getMessage());
        }
    }

    /** Local papers, optionally restricted to {@code ids} and filtered by predicate. */
    public List<Paper> papers(Collection<String> ids, Predicate<Paper> filter) {
        List<Paper> out = new ArrayList<>();
        scan(ids, filter, out::add);
        return out;
    }

    /** The stored JSON of each of {@code ids} (null where missing or not a JSON object), in order. */
    public List<String> rawPapers(List<String> ids) {
        return rawPapers(ids, null);
    }

    /** As {@link #rawPapers(List)}, with only the fields of {@code fields} (null: whole papers). */
    List<String> rawPapers(List<String> ids, Projection fields) {
        List<String> out = new ArrayList<>(ids.size());
        try {
            ReadOnlyKeyValueStore<String, byte[]> s = store(SinkTopology.PAPERS_STORE);
            for (String id : ids) out.add(fields == null ? PaperJson.rawObject(id, s.get(id)) : fields.fromStored(id, s.get(id)));
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady("papers store: " + e.getMessage());
        }
        return out;
    }

    /**
     * Streams the local papers (those of {@code ids} when not null, else the whole store) that pass {@code filter}
     * to {@code sink}, one at a time: nothing is collected here.
     */
    public void scan(Collection<String> ids, Predicate<Paper> filter, Consumer<Paper> sink) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> s = store(SinkTopology.PAPERS_STORE);
            if (ids != null) {
                for (String id : ids) {
                    Paper p = id == null ? null : PaperJson.decode(id, s.get(id));
                    if (p != null && filter.test(p)) sink.accept(p);
                }
            } else {
                try (KeyValueIterator<String, byte[]> it = s.all()) {
                    while (it.hasNext()) {
                        KeyValue<String, byte[]> kv = it.next();
                        Paper p = PaperJson.decode(kv.key, kv.value);
                        if (p != null && filter.test(p)) sink.accept(p);
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady("papers store: " + e.getMessage());
        }
    }

    /** Papers per tag on this instance, from the search index. */
    public Map<String, Long> tagCounts() {
        return search().tagCounts();
    }

    /** Local statistics: papers, duplicates, rejects, sources, store sizes, consumer lag. */
    public Map<String, Object> stats() {
        long papers = 0, dups = 0, rejects = 0;
        Set<String> sources = new TreeSet<>();
        Map<String, Long> stores = new LinkedHashMap<>();
        try {
            ReadOnlyKeyValueStore<String, byte[]> ps = store(SinkTopology.PAPERS_STORE);
            try (KeyValueIterator<String, byte[]> it = ps.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    int d = PaperJson.tally(kv.key, kv.value, sources::add);
                    if (d < 0) continue;
                    papers++;
                    dups += d;
                }
            }
            stores.put(SinkTopology.PAPERS_STORE, ps.approximateNumEntries());
            stores.put("search-index", (long) search.size());
            try {
                ReadOnlyKeyValueStore<String, Long> rs = store(SinkTopology.REJECTS_STORE);
                try (KeyValueIterator<String, Long> it = rs.all()) {
                    while (it.hasNext()) {
                        Long v = it.next().value;
                        if (v != null) rejects += v;
                    }
                }
                stores.put(SinkTopology.REJECTS_STORE, rs.approximateNumEntries());
            } catch (InvalidStateStoreException e) {
                throw ApiException.notReady("rejects store: " + e.getMessage());
            }
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady("store: " + e.getMessage());
        }
        long arxivConflicts = 0;
        List<Map<String, Object>> arxivSample = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, ArxivTitles> as = store(SinkTopology.ARXIV_STORE);
            try (KeyValueIterator<String, ArxivTitles> it = as.all()) {
                while (it.hasNext()) {
                    KeyValue<String, ArxivTitles> kv = it.next();
                    if (kv.value == null || !kv.value.conflicting()) continue;
                    arxivConflicts++;
                    if (arxivSample.size() < ARXIV_SAMPLE) {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("arxivId", kv.key);
                        c.put("ids", kv.value.ids());
                        arxivSample.add(c);
                    }
                }
            }
            stores.put(SinkTopology.ARXIV_STORE, as.approximateNumEntries());
        } catch (InvalidStateStoreException e) {
            throw ApiException.notReady("arXiv index: " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("papers", papers);
        m.put("duplicatesMerged", dups);
        m.put("rejects", rejects);
        m.put("sources", new ArrayList<>(sources));
        m.put("stores", stores);
        m.put("arxivIdsOnTwoTitles", arxivConflicts);
        m.put("arxivIdsOnTwoTitlesSample", arxivSample);
        m.put("consumerLag", consumerLag());
        return m;
    }

    /**
     * Records behind the end of each source topic (for the papers topic: papers published and not yet served here),
     * summed over this instance's active partitions, from the main consumers' per-partition {@code records-lag}
     * metrics as of their last fetch (no call to Kafka). With {@code read_committed} the end is the last stable
     * offset. Partitions whose lag is not known yet are left out. Only the assigned partitions count: for a topic
     * name with a dot the consumer also reports each partition under a deprecated name with {@code _} for {@code .},
     * which would count it twice under a topic that does not exist.
     */
    public Map<String, Long> consumerLag() {
        Set<TopicPartition> assigned = new java.util.HashSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : t.activeTasks()) assigned.addAll(task.topicPartitions());
        }
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (!"records-lag".equals(n.name()) || !"consumer-fetch-manager-metrics".equals(n.group())) continue;
            String client = n.tags().getOrDefault("client-id", "");
            String topic = n.tags().get("topic"), partition = n.tags().get("partition");
            if (topic == null || partition == null || !client.endsWith("-consumer") || client.endsWith("restore-consumer")) continue;
            if (!assigned.contains(new TopicPartition(topic, Integer.parseInt(partition)))) continue;
            Object v = e.getValue().metricValue();
            if (v instanceof Number num && !Double.isNaN(num.doubleValue()) && num.doubleValue() >= 0) {
                out.merge(topic, (long) num.doubleValue(), Long::sum);
            }
        }
        return out;
    }

    /** True when streams run, the papers store answers and the search index holds every local partition. */
    public boolean queryable() {
        try {
            store(SinkTopology.PAPERS_STORE).approximateNumEntries();
            search();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final class EmptyStore<V> implements ReadOnlyKeyValueStore<String, V> {
        @Override public V get(String key) { return null; }
        @Override public KeyValueIterator<String, V> range(String from, String to) { return empty(); }
        @Override public KeyValueIterator<String, V> all() { return empty(); }
        @Override public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS ser) { return empty(); }
        @Override public long approximateNumEntries() { return 0; }

        private KeyValueIterator<String, V> empty() {
            return new KeyValueIterator<>() {
                @Override public void close() {}
                @Override public String peekNextKey() { throw new java.util.NoSuchElementException(); }
                @Override public boolean hasNext() { return false; }
                @Override public KeyValue<String, V> next() { throw new java.util.NoSuchElementException(); }
            };
        }
    }
}
