package dev.papers.sink;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries across all instances: key lookups are routed to the active host, list/search/tags/stats
 * fan out to every instance's {@code /internal/...} endpoints and are merged here.
 */
public final class QueryService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;

    private static final TypeReference<List<Paper>> PAPER_LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> TAG_COUNTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJ = new TypeReference<>() {};

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PaperStoreReader local;
    private final PeerClient peers;

    /** @param self this instance's internal listener, as advertised to the others ({@code application.server}) */
    QueryService(KafkaStreams streams, HostInfo self, PaperStoreReader local, PeerClient peers) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.peers = peers;
    }

    public PaperStoreReader local() {
        return local;
    }

    // ---------------------------------------------------------------- key lookups

    public Paper paper(String id) {
        return Json.read(paperJson(id), Paper.class);
    }

    /**
     * The paper as its stored JSON text, from the instance that owns its key (or a standby while the owner is down).
     * A point lookup passes the stored text through: decoding and re-encoding a 2.8 KB paper cost ~28 µs of CPU.
     */
    public String paperJson(String id) {
        requireRunning();
        KeyQueryMetadata md;
        try {
            md = streams.queryMetadataForKey(SinkTopology.PAPERS_STORE, id, Serdes.String().serializer());
        } catch (RuntimeException e) {
            throw ApiException.notReady("metadata: " + e.getMessage());
        }
        if (md == null || md == KeyQueryMetadata.NOT_AVAILABLE || md.activeHost() == null) {
            throw ApiException.notReady("no metadata for key");
        }
        String p;
        if (md.activeHost().equals(self)) {
            p = local.paperJson(id, md.partition(), false);
        } else {
            try {
                p = remotePaper(md.activeHost(), id, md.partition(), false);
            } catch (ApiException e) {
                if (e.status() != 503) throw e;
                // The owner is down or not ready: a standby copy (num.standby.replicas) answers meanwhile, maybe a little stale.
                p = fromStandby(md, id).orElseThrow(() -> e);
            }
        }
        if (p == null) throw ApiException.notFound("no paper " + id);
        return p;
    }

    private String remotePaper(HostInfo h, String id, int partition, boolean stale) {
        // the forward carries the partition: the peer answers from that partition only (503 if it moved)
        HttpResponse<String> r = peers.await(h, peers.get(h, "/internal/paper?id=" + enc(id) + "&partition=" + partition
                + (stale ? "&stale=true" : "")), peers.deadline());
        if (r.statusCode() == 404) throw ApiException.notFound("no paper " + id);
        return checked(h, r);
    }

    private java.util.Optional<String> fromStandby(KeyQueryMetadata md, String id) {
        for (HostInfo h : md.standbyHosts()) {
            try {
                String p = h.equals(self) ? local.paperJson(id, md.partition(), true) : remotePaper(h, id, md.partition(), true);
                if (p == null) throw ApiException.notFound("no paper " + id);
                return java.util.Optional.of(p);
            } catch (ApiException e) {
                if (e.status() == 404) throw e;
            }
        }
        return java.util.Optional.empty();
    }

    // ---------------------------------------------------------------- lists

    public enum Sort { UPVOTES, PUBLISHED, TITLE, RISING }

    /** One page: items carry each paper's stored JSON (see {@link Paging.Item}). */
    public record Page(List<Paging.Item> items, long total, String nextCursor) {}

    private static final TypeReference<Paging.LocalPage> LOCAL_PAGE = new TypeReference<>() {};

    /**
     * One page of the papers matching every tag (AND) and every word of the text query, in {@code sort} order, after
     * {@code cursor}. Each instance answers from its search index ({@link SearchIndex}: ids in order, then those
     * papers from the store); this instance merges the per-instance pages (at most instances × limit papers).
     */
    public Page list(List<String> tags, String q, Sort sort, boolean asc, int limit, String cursor) {
        return list(tags, q, sort, asc, limit, cursor, null);
    }

    /** As above, items with only the fields of {@code fields} (null: whole papers), projected where they are stored. */
    Page list(List<String> tags, String q, Sort sort, boolean asc, int limit, String cursor, Projection fields) {
        Paging.Cursor after = Paging.decode(cursor, sort, asc);
        requireRunning();
        Paging.PageRequest req = new Paging.PageRequest(tags == null ? List.of() : tags, q, sort, asc, cursor, limit,
                fields == null ? null : fields.names());
        String json = Json.write(req);
        List<Paging.LocalPage> parts = fanOut(() -> localPage(req, after),
                h -> peers.post(h, "/internal/page", json).thenApply(r -> read(h, r, LOCAL_PAGE)));
        Paging.TopN<Paging.Item> top = new Paging.TopN<>(limit, Paging.itemOrder(asc), Paging.Item::id);
        long total = 0, remaining = 0;
        for (Paging.LocalPage part : parts) {
            total += part.total();
            remaining += part.remaining();
            for (Paging.Item i : part.items()) if (Paging.after(i, after)) top.offer(i);
        }
        List<Paging.Item> items = top.sorted();
        String next = remaining > items.size() && !items.isEmpty()
                ? Paging.encode(Paging.cursorAt(items.get(items.size() - 1), sort, asc)) : null;
        return new Page(items, total, next);
    }

    /** This instance's share of a page (the body of {@code /internal/page}). */
    public Paging.LocalPage localPage(Paging.PageRequest req) {
        if (req.sort() == null) throw ApiException.badParam("sort", "required");
        if (req.limit() < 1 || req.limit() > MAX_LIMIT) throw ApiException.badParam("limit", "must be between 1 and " + MAX_LIMIT);
        if (req.tags() != null && req.tags().contains(null)) throw ApiException.badParam("tags", "must not contain null");
        QueryLimits.check(req.tags(), req.q(), req.cursor());
        return localPage(req, Paging.decode(req.cursor(), req.sort(), req.asc()));
    }

    private Paging.LocalPage localPage(Paging.PageRequest req, Paging.Cursor after) {
        Projection fields = Projection.parse(req.fields());
        boolean listView = fields != null && SearchIndex.LIST_FIELDS.fields().containsAll(fields.fields());
        // One more than the page: whether this instance has papers beyond it decides the next cursor.
        SearchIndex.Hits hits = local.search().search(req.tags(), req.q(), req.sort(), req.asc(), after, req.limit() + 1, listView);
        int n = Math.min(req.limit(), hits.ids().size());
        List<String> ids = hits.ids().subList(0, n);
        List<String> json = listView ? fromListViews(ids, hits.listViews(), fields) : local.rawPapers(ids, fields);
        List<Paging.Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (json.get(i) != null) items.add(new Paging.Item(hits.keys().get(i), hits.ids().get(i), json.get(i)));
        }
        return new Paging.LocalPage(items, hits.total(), hits.after());
    }

    /**
     * Items from the index's list views ({@link SearchIndex#LIST_FIELDS}): no store get, no parse of whole papers. A
     * paper without one (its stored value has more than one JSON value) is read from the store as before.
     */
    private List<String> fromListViews(List<String> ids, List<String> views, Projection fields) {
        boolean exact = fields.equals(SearchIndex.LIST_FIELDS);
        List<String> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String v = views.get(i), id = ids.get(i);
            if (v == null) out.add(local.rawPapers(List.of(id), fields).get(0));
            else out.add(exact ? v : fields.fromStored(id, v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Papers by id from this instance's store, in the order given (the body of {@code /internal/papers}). */
    public List<Paper> localPapers(Collection<String> ids) {
        return local.papers(ids, p -> true);
    }

    public record Similar(Paper paper, int shared) {}

    /** A paper id with the number of tags it shares with the paper asked about. */
    public record Shared(String id, int shared) {}

    private static final TypeReference<List<Shared>> SHARED_LIST = new TypeReference<>() {};

    /** The papers sharing the most tags with {@code id}, best first, ties by id: each instance's best, merged here. */
    public List<Similar> similar(String id, int limit) {
        Paper p = paper(id);
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(p.tagNames()));
        if (tags.isEmpty()) return List.of();
        StringBuilder qs = new StringBuilder("?id=").append(enc(id)).append("&limit=").append(limit);
        for (String t : tags) qs.append("&tag=").append(enc(t));
        List<Shared> all = new ArrayList<>();
        fanOut(() -> localSimilar(tags, id, limit), h -> peers.get(h, "/internal/similar" + qs).thenApply(r -> read(h, r, SHARED_LIST)))
                .forEach(all::addAll);
        all.sort(Comparator.comparingInt(Shared::shared).reversed().thenComparing(Shared::id, Paging::byCodePoint));
        List<Shared> best = all.subList(0, Math.min(limit, all.size()));
        if (best.isEmpty()) return List.of();
        List<String> ids = best.stream().map(Shared::id).toList();
        String json = Json.write(Map.of("ids", ids));
        Map<String, Paper> found = new HashMap<>();
        fanOut(() -> localPapers(ids), h -> peers.post(h, "/internal/papers", json).thenApply(r -> read(h, r, PAPER_LIST)))
                .forEach(l -> l.forEach(x -> found.putIfAbsent(x.id(), x)));
        List<Similar> out = new ArrayList<>();
        for (Shared b : best) if (found.containsKey(b.id())) out.add(new Similar(found.get(b.id()), b.shared()));
        return out;
    }

    /** This instance's best {@code limit} papers sharing tags with {@code id} (the body of {@code /internal/similar}). */
    public List<Shared> localSimilar(List<String> tags, String id, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.badParam("limit", "must be between 1 and " + MAX_LIMIT);
        return local.search().similar(tags, id, limit).stream().map(e -> new Shared(e.getKey(), e.getValue())).toList();
    }

    // ---------------------------------------------------------------- tags & stats

    public record TagCount(String tag, long count) {}

    public List<TagCount> tags(boolean includeKeyphrases) {
        requireRunning();
        Map<String, Long> total = new HashMap<>();
        fanOut(local::tagCounts, h -> peers.get(h, "/internal/tag-counts").thenApply(r -> read(h, r, TAG_COUNTS)))
                .forEach(m -> m.forEach((t, c) -> total.merge(t, c, Long::sum)));
        return total.entrySet().stream()
                .filter(e -> includeKeyphrases || !e.getKey().startsWith("kw:"))
                .map(e -> new TagCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag))
                .toList();
    }

    private static final TypeReference<Trends.Counts> TREND_COUNTS = new TypeReference<>() {};

    /** Papers per period and per tag across all instances ({@link Trends}). */
    public Trends.Answer trends(Trends.By by, List<String> tags, int top) {
        requireRunning();
        StringBuilder qs = new StringBuilder("?by=").append(by.name().toLowerCase(java.util.Locale.ROOT));
        for (String t : tags) qs.append("&tag=").append(enc(t));
        Trends.Counts sum = new Trends.Counts(Map.of(), Map.of());
        for (Trends.Counts c : fanOut(() -> localTrends(by, tags),
                h -> peers.get(h, "/internal/trends" + qs).thenApply(r -> read(h, r, TREND_COUNTS)))) {
            sum = sum.plus(c);
        }
        return Trends.answer(by, sum, tags, top);
    }

    /** This instance's counts (the body of {@code /internal/trends}). */
    public Trends.Counts localTrends(Trends.By by, List<String> tags) {
        return local.search().trendCounts(by, tags);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> stats() {
        requireRunning();
        long papers = 0, dups = 0, rejects = 0, arxivConflicts = 0;
        List<Object> arxivSample = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        Map<String, Long> stores = new LinkedHashMap<>();
        Map<String, Long> lag = new TreeMap<>();
        List<Map<String, Object>> parts = fanOut(local::stats,
                h -> peers.get(h, "/internal/stats").thenApply(r -> read(h, r, OBJ)));
        for (Map<String, Object> m : parts) {
            papers += ((Number) m.get("papers")).longValue();
            dups += ((Number) m.get("duplicatesMerged")).longValue();
            rejects += ((Number) m.get("rejects")).longValue();
            sources.addAll((Collection<String>) m.get("sources"));
            // Each arXiv id lives on one instance (the index is partitioned by it): counts add up without double counting.
            arxivConflicts += ((Number) m.getOrDefault("arxivIdsOnTwoTitles", 0)).longValue();
            for (Object o : (Collection<Object>) m.getOrDefault("arxivIdsOnTwoTitlesSample", List.of())) {
                if (arxivSample.size() < PaperStoreReader.ARXIV_SAMPLE) arxivSample.add(o);
            }
            ((Map<String, Number>) m.get("stores")).forEach((k, v) -> stores.merge(k, v.longValue(), Long::sum));
            Object l = m.get("consumerLag");
            if (l instanceof Map<?, ?> lm) {
                lm.forEach((k, v) -> {
                    if (v instanceof Number n) lag.merge(String.valueOf(k), n.longValue(), Long::sum);
                });
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("papers", papers);
        out.put("duplicatesMerged", dups);
        out.put("rejects", rejects);
        out.put("sources", sources.size());
        out.put("sourceNames", sources);
        out.put("stores", stores);
        out.put("arxivIdsOnTwoTitles", arxivConflicts);
        out.put("arxivIdsOnTwoTitlesSample", arxivSample);
        out.put("consumerLag", lag);
        out.put("instances", parts.size());
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private void requireRunning() {
        KafkaStreams.State s = streams.state();
        if (s != KafkaStreams.State.RUNNING) throw ApiException.notReady("streams " + s);
    }

    /**
     * This instance's answer and every other instance's, asked at once; all must answer within the peer deadline
     * ({@link PeerClient}), else a 503 names the first late one.
     */
    private <T> List<T> fanOut(java.util.function.Supplier<T> localCall, Function<HostInfo, CompletableFuture<T>> remote) {
        Collection<StreamsMetadata> all;
        try {
            all = streams.metadataForAllStreamsClients();
        } catch (RuntimeException e) {
            throw ApiException.notReady("metadata: " + e.getMessage());
        }
        if (all.isEmpty()) throw ApiException.notReady("no streams metadata yet");
        long deadline = peers.deadline();
        Map<HostInfo, CompletableFuture<T>> remotes = new LinkedHashMap<>();
        boolean sawSelf = false;
        for (StreamsMetadata md : all) {
            if (md.hostInfo().equals(self)) sawSelf = true;
            else remotes.put(md.hostInfo(), remote.apply(md.hostInfo()));
        }
        List<T> out = new ArrayList<>();
        try {
            if (sawSelf) out.add(localCall.get());
            for (Map.Entry<HostInfo, CompletableFuture<T>> f : remotes.entrySet()) out.add(peers.await(f.getKey(), f.getValue(), deadline));
        } finally {
            remotes.values().forEach(f -> f.cancel(true)); // no-op for those done; the others are not waited for
        }
        return out;
    }

    private static String checked(HostInfo h, HttpResponse<String> r) {
        if (r.statusCode() == 503) throw ApiException.notReady("peer " + PeerClient.name(h) + " not ready");
        if (r.statusCode() != 200) throw ApiException.peer(PeerClient.name(h) + " answered " + r.statusCode());
        return r.body();
    }

    private static <T> T read(HostInfo h, HttpResponse<String> r, TypeReference<T> type) {
        String body = checked(h, r);
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw ApiException.peer("bad answer from " + PeerClient.name(h));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
