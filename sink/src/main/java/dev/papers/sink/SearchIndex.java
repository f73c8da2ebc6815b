package dev.papers.sink;

import dev.papers.common.Paper;
import dev.papers.tagging.text.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's papers as a Lucene index, for lists, tag filters, text search, tag counts and similar papers.
 *
 * <p>Without it every list or search read and decoded each local paper (O(papers) per request: nothing answered
 * within 30 s at 200 clients from 100 k papers on). The index maps analysed words, tags and sort keys to ids, and the
 * page's papers are then read from the papers store by id; it also keeps each paper's small list view
 * ({@link #LIST_FIELDS}), so a page asking only for those fields is answered from the index alone (a store get and a
 * parse of the whole ~3 KB paper per item were most of a projected page's CPU).
 *
 * <p>It is a cache of the papers store, never restored from Kafka: the store is restored from its source topic
 * without running processors, so {@link SearchIndexer} rebuilds a partition's share from the restored store when
 * its task starts ({@link #rebuild}), then follows each change. Until every local partition is rebuilt, queries
 * get a 503. A query sees every change made before it (the index is reopened for it when changes wait, see
 * {@link #QUERY_REOPEN_NANOS}); a background reopen every {@code refresh} keeps the wait off most queries.
 *
 * <p>Text matches as the store scan did: every analysed query word ({@link TextAnalysis}, the tagger's chain) must
 * be among the analysed words of title + abstract. Order is the {@link Paging} order (sort key, then id).
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    static final String ID = "id", PARTITION = "partition", TEXT = "text", TAG = "tag";
    static final String UPVOTES = "upvotes", PUBLISHED = "published", TITLE = "title", RISING = "rising";
    /** The day a paper counts on in trends ({@link Exports#day}), as an epoch day. */
    static final String DAY = "day";
    /** The paper's {@link #LIST_FIELDS} as JSON, exactly as {@link Projection#fromStored} makes them from the stored bytes. */
    static final String LIST_VIEW = "list";
    /**
     * What a list item needs: exactly the web page's {@code fields=}, so its pages copy the view as it is (projecting
     * a view again costs 1-2.5 µs an item); ~200 bytes of the ~3 KB paper. A page projected to these fields or fewer
     * reads no store.
     */
    static final Projection LIST_FIELDS = new Projection(Set.of("id", "title", "organization", "publishedText", "published",
            "upvotes"));

    /** Words and tags: whether a paper has them is all a query asks (no positions, frequencies or norms). */
    private static final FieldType MATCH_ONLY = new FieldType();

    static {
        MATCH_ONLY.setIndexOptions(IndexOptions.DOCS);
        MATCH_ONLY.setTokenized(true);
        MATCH_ONLY.setOmitNorms(true);
        MATCH_ONLY.freeze();
    }

    /**
     * The default list order (most upvoted first, then id), which is also the order of the documents in each
     * segment: a page in this order stops after its first {@code limit} matches per segment instead of ranking every
     * match (a popular tag matches a third of the papers).
     */
    private static final Sort DEFAULT_ORDER = new Sort(new SortField(UPVOTES, SortField.Type.LONG, true),
            new SortField(ID, SortField.Type.STRING));

    /**
     * What the documents hold: an index kept from a run whose documents differ (a commit without this mark) is
     * started afresh. Change it whenever {@link #document} changes.
     */
    static final String SCHEMA = "papers-search-3";
    private static final String SCHEMA_KEY = "schema", CLEAN_KEY = "clean";

    private final Directory dir;
    private final Path path; // deleted on close unless kept, or null (in memory)
    private final boolean kept;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    /**
     * Kept index: partitions whose share is in the index as the last run left it at a clean close and that no task
     * of this run has taken yet. Their documents are valid for their store if nothing restored into it since.
     */
    private final Set<Integer> clean = ConcurrentHashMap.newKeySet();
    /** Partitions whose store was restored or updated as a standby in this run: changes the index never saw. */
    private final Set<Integer> touched = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicInteger rebuilt = new java.util.concurrent.atomic.AtomicInteger(),
            resumed = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService refresher;
    private volatile TagCounts tagCounts;

    private SearchIndex(Directory dir, Path path, long refreshMs, boolean kept) throws IOException {
        this.dir = dir;
        this.path = path;
        this.kept = kept;
        this.writer = kept ? openKept(dir) : new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE));
        this.searchers = new SearcherManager(writer, null);
        if (refreshMs > 0) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "search-index-refresh");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        } else {
            refresher = null;
        }
    }

    static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(TextAnalysis.analyzer())
                .setIndexSort(DEFAULT_ORDER)
                .setOpenMode(mode)
                .setCommitOnClose(false); // a kept index commits itself at close ({@link #close}), the others never
    }

    /** The last run's index when it has this {@link #SCHEMA}, with its clean partitions; else a fresh one. */
    private IndexWriter openKept(Directory dir) throws IOException {
        if (DirectoryReader.indexExists(dir)) {
            try {
                Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
                if (SCHEMA.equals(data.get(SCHEMA_KEY))) {
                    IndexWriter w = new IndexWriter(dir, config(IndexWriterConfig.OpenMode.APPEND));
                    String marks = data.getOrDefault(CLEAN_KEY, "");
                    for (String p : marks.split(",")) if (!p.isEmpty()) clean.add(Integer.parseInt(p));
                    log.info("search index: {} kept from the last run (clean partitions {})", path, clean);
                    return w;
                }
                log.info("search index: {} was written by another version ({}): starting afresh", path, data.get(SCHEMA_KEY));
            } catch (LockObtainFailedException e) {
                throw e; // another process has it open: not ours to start afresh
            } catch (IOException | RuntimeException e) { // an unreadable or incompatible index is rebuilt, not fatal
                log.warn("search index: {} cannot be reused ({}): starting afresh", path, e.toString());
            }
        }
        return new IndexWriter(dir, config(IndexWriterConfig.OpenMode.CREATE));
    }

    /** An index in {@code path} (emptied first, deleted on close), reopened every {@code refreshMs}. */
    public static SearchIndex onDisk(Path path, long refreshMs) {
        return open(path, refreshMs, false);
    }

    /**
     * An index in {@code path} kept across runs: what a clean close leaves there is reused by the next run for every
     * partition whose store nothing restored into meanwhile ({@link #resume}), instead of being rebuilt from the
     * store (about a minute at 700 k papers). Fails if another process has it open.
     */
    public static SearchIndex kept(Path path, long refreshMs) {
        return open(path, refreshMs, true);
    }

    private static SearchIndex open(Path path, long refreshMs, boolean kept) {
        try {
            Files.createDirectories(path);
            return new SearchIndex(FSDirectory.open(path), path, refreshMs, kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path, e);
        }
    }

    /** An index on the heap, reopened only by {@link #refresh()} (tests). */
    public static SearchIndex inMemory() {
        try {
            return new SearchIndex(new ByteBuffersDirectory(), null, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- writes (stream threads)

    /**
     * Replaces the partition's share with {@code papers} (the restored store); queries see it when this returns. A
     * value the index cannot take (see {@link #put}) stays in the store and is skipped here with its reason: it went
     * to the dead-letter topic when it arrived, and a task start must not fail on it.
     */
    public void rebuild(int partition, Iterator<KeyValue<String, byte[]>> papers) {
        ready.remove(partition);
        unmark(partition);
        rebuilt.incrementAndGet();
        long start = System.nanoTime();
        long n = 0, skipped = 0;
        try {
            writer.deleteDocuments(partitionTerm(partition));
            while (papers.hasNext()) {
                KeyValue<String, byte[]> kv = papers.next();
                if (kv.value == null) continue;
                try {
                    writer.addDocument(document(partition, kv.key, indexable(kv.key, kv.value), kv.value));
                    n++;
                } catch (IllegalArgumentException e) { // Lucene's own refusals of one document are this type too
                    skipped++;
                    log.warn("search index: partition {}: {}", partition, e.getMessage());
                }
            }
            reopen(true);
        } catch (IOException e) {
            throw new UncheckedIOException("search index: rebuilding partition " + partition, e);
        }
        ready.add(partition);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (n + skipped > 0) {
            log.info("search index: partition {} rebuilt from the store, {} papers in {} ms ({} not indexable, skipped)",
                    partition, n, ms, skipped);
        } else {
            log.debug("search index: partition {} starts empty", partition);
        }
    }

    /**
     * A paper changed: indexed again, or removed for {@code null} (a tombstone). A value the index cannot take (not a
     * paper, an id, tag or date over Lucene's 32,766-byte term limit) leaves the index and throws
     * {@link IllegalArgumentException} with the reason: Kafka Streams' processing handler makes it a dead letter.
     */
    void put(int partition, String id, byte[] value) {
        beforeIndexing.accept(id);
        if (value == null && tooLong(id)) return; // never indexed, nothing to remove
        Term idTerm = new Term(ID, id);
        try {
            if (value == null) {
                writer.deleteDocuments(idTerm);
            } else {
                Paper p;
                try {
                    p = indexable(id, value);
                } catch (IllegalArgumentException e) {
                    // The store now holds this value, so the paper's previous version must not be listed either.
                    if (!tooLong(id)) writer.deleteDocuments(idTerm);
                    changed();
                    throw e;
                }
                writer.updateDocument(idTerm, document(partition, id, p, value));
            }
            changed();
        } catch (IOException e) {
            throw new UncheckedIOException("search index: indexing " + PaperJson.shortId(id), e);
        }
    }

    /** Lucene's bound on one indexed term and on one sorted doc value, in UTF-8 bytes. */
    static final int MAX_TERM_BYTES = IndexWriter.MAX_TERM_LENGTH;

    /** The paper in {@code value}, checked against what the index can hold, or an exception saying why not. */
    private static Paper indexable(String id, byte[] value) {
        if (tooLong(id)) throw unindexable(id, "its id is " + utf8Length(id) + " bytes, over the index's term limit of " + MAX_TERM_BYTES);
        Paper p;
        try {
            p = PaperJson.read(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("paper " + PaperJson.shortId(id) + " not indexed: the value is not a paper ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (p == null) throw unindexable(id, "the value is JSON null, not a paper");
        for (String tag : p.tagNames()) {
            if (tag == null) throw unindexable(id, "a tag has no name");
            if (tooLong(tag)) throw unindexable(id, "a tag is " + utf8Length(tag) + " bytes, over the index's term limit of " + MAX_TERM_BYTES);
        }
        if (p.published() != null && tooLong(p.published())) {
            throw unindexable(id, "its published date is " + utf8Length(p.published()) + " bytes, over the index's limit of " + MAX_TERM_BYTES);
        }
        return p;
    }

    private static IllegalArgumentException unindexable(String id, String why) {
        return new IllegalArgumentException("paper " + PaperJson.shortId(id) + " not indexed: " + why);
    }

    private static boolean tooLong(String s) {
        return s.length() * 3L > MAX_TERM_BYTES && utf8Length(s) > MAX_TERM_BYTES; // at most 3 bytes per UTF-16 char
    }

    private static int utf8Length(String s) {
        return UnicodeUtil.calcUTF16toUTF8Length(s, 0, s.length());
    }

    /** Runs before each change is indexed, on the stream thread: a seam for tests to fail one paper. */
    private volatile Consumer<String> beforeIndexing = id -> {};

    /** Tests: {@code hook} sees each id before its change is indexed (and may throw, as a failure there would). */
    void beforeIndexing(Consumer<String> hook) {
        beforeIndexing = hook;
    }

    // ---------------------------------------------------------------- kept across runs

    /**
     * The store of {@code partition} got changes the index did not see (restored from its topic, or updated as a
     * standby): its share from the last run cannot be reused. Called from Kafka Streams' restore listeners.
     */
    void touched(int partition) {
        touched.add(partition);
    }

    /**
     * A task takes {@code partition}: true when the last run's share of it is still right (the last run closed it
     * cleanly and nothing restored into its store since), so it serves as it is; false when it must be
     * {@link #rebuild rebuilt}. Either way the partition is no longer marked clean on disk, so a crash from here on
     * leads to a rebuild.
     */
    boolean resume(int partition) {
        boolean reusable = clean.contains(partition) && !touched.contains(partition);
        unmark(partition);
        if (!reusable) return false;
        ready.add(partition);
        resumed.incrementAndGet();
        log.info("search index: partition {} kept from the last run", partition);
        return true;
    }

    /** Partitions rebuilt from their store, and resumed as the last run left them, since start (tests, logs). */
    int rebuilt() {
        return rebuilt.get();
    }

    int resumed() {
        return resumed.get();
    }

    /** The sink is stopping: tasks closing from now on leave their share in a kept index, marked clean. */
    void stopping() {
        stopping = true;
    }

    private void unmark(int partition) {
        if (!clean.remove(partition)) return;
        try {
            commit(); // the mark must be gone on disk before any change of this run reaches the partition's store
        } catch (IOException e) {
            throw new UncheckedIOException("search index: committing", e);
        }
    }

    private synchronized void commit() throws IOException {
        List<String> marks = clean.stream().sorted().map(String::valueOf).toList();
        writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA, CLEAN_KEY, String.join(",", marks)).entrySet());
        writer.commit();
    }

    /**
     * The task of {@code partition} closed: when the sink is stopping and the index is kept, its share stays, marked
     * clean; otherwise (the partition moved to another instance) its papers leave the index.
     */
    void release(int partition) {
        if (kept && stopping && ready.remove(partition)) clean.add(partition);
        else drop(partition);
    }

    /** The partition left this instance (its task closed): its papers leave the index. */
    void drop(int partition) {
        ready.remove(partition);
        try {
            writer.deleteDocuments(partitionTerm(partition));
            changed();
        } catch (IOException e) {
            log.warn("search index: dropping partition {} failed", partition, e);
        }
    }

    private static Document document(int partition, String id, Paper p, byte[] stored) {
        Document d = new Document();
        // From the stored bytes, not the decoded paper: a page answered from it stays byte for byte what the store gives.
        String view = LIST_FIELDS.fromStored(id, stored);
        if (view != null) d.add(new BinaryDocValuesField(LIST_VIEW, new BytesRef(view)));
        d.add(new StringField(ID, id, Field.Store.NO));
        d.add(new SortedDocValuesField(ID, new BytesRef(id)));
        d.add(new StringField(PARTITION, Integer.toString(partition), Field.Store.NO));
        if (p.title() != null) d.add(new Field(TEXT, p.title(), MATCH_ONLY));
        if (p.abstractText() != null) d.add(new Field(TEXT, p.abstractText(), MATCH_ONLY));
        for (String tag : new LinkedHashSet<>(p.tagNames())) {
            d.add(new StringField(TAG, tag, Field.Store.NO));
            d.add(new SortedSetDocValuesField(TAG, new BytesRef(tag))); // read back per paper by trends
        }
        d.add(new NumericDocValuesField(UPVOTES, (Long) Paging.key(p, QueryService.Sort.UPVOTES)));
        d.add(new SortedDocValuesField(PUBLISHED, new BytesRef((String) Paging.key(p, QueryService.Sort.PUBLISHED))));
        d.add(new SortedDocValuesField(TITLE, new BytesRef((String) Paging.key(p, QueryService.Sort.TITLE))));
        d.add(new NumericDocValuesField(RISING, (Long) Paging.key(p, QueryService.Sort.RISING)));
        d.add(new NumericDocValuesField(DAY, Exports.day(p).toEpochDay()));
        return d;
    }

    private static Term partitionTerm(int partition) {
        return new Term(PARTITION, Integer.toString(partition));
    }

    // ---------------------------------------------------------------- reads (HTTP threads)

    /** Whether each of {@code partitions} has been rebuilt here (a partition still restoring is not). */
    public boolean covers(Collection<Integer> partitions) {
        // Shares the last run left for partitions this instance no longer has must not be listed: dropped here, at
        // the first question once the assignment is known (an assigned one not yet taken keeps the answer false).
        for (Integer p : clean) {
            if (!partitions.contains(p) && clean.remove(p)) drop(p);
        }
        return clean.isEmpty() && ready.containsAll(partitions);
    }

    /**
     * Ids of one page with their sort keys ({@code Long} or {@code String}, as {@link Paging#key}), and the counts
     * around it; with {@code listViews} (when asked, else null) each paper's {@link #LIST_VIEW} (null where none).
     */
    public record Hits(List<String> ids, List<Object> keys, long total, long after, List<String> listViews) {}

    /**
     * The first {@code n} ids (in the sort's order) of the papers having every tag and every analysed word of
     * {@code q}, strictly after {@code cursor}; {@code total} counts all matches, {@code after} those after the cursor
     * up to {@code n}.
     */
    public Hits search(List<String> tags, String q, QueryService.Sort sort, boolean asc, Paging.Cursor cursor, int n) {
        return search(tags, q, sort, asc, cursor, n, false);
    }

    /** As above; with {@code listViews}, also each hit's {@link #LIST_VIEW}. */
    public Hits search(List<String> tags, String q, QueryService.Sort sort, boolean asc, Paging.Cursor cursor, int n,
                       boolean listViews) {
        Query query = matching(tags, q);
        SortField key = switch (sort) {
            case UPVOTES -> new SortField(UPVOTES, SortField.Type.LONG, !asc);
            case PUBLISHED -> new SortField(PUBLISHED, SortField.Type.STRING, !asc);
            case TITLE -> new SortField(TITLE, SortField.Type.STRING, !asc);
            case RISING -> new SortField(RISING, SortField.Type.LONG, !asc);
        };
        Sort order = new Sort(key, new SortField(ID, SortField.Type.STRING)); // ids ascending break ties, as in Paging
        // doc = MAX_VALUE: a paper equal to the cursor (the cursor's own) is skipped, as Paging.after does
        FieldDoc after = cursor == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {
                cursor.key() instanceof Long l ? l : new BytesRef((String) cursor.key()), new BytesRef(cursor.id())});
        return withSearcher(s -> {
            // The page may stop early (see DEFAULT_ORDER); the total is counted apart, which costs nothing for one
            // term in a segment without deletions (its document frequency) and a cheap pass otherwise.
            TopFieldDocs top = s.search(query, new TopFieldCollectorManager(order, n, after, n));
            List<Object> keys = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                Object k = ((FieldDoc) d).fields[0];
                keys.add(k instanceof BytesRef b ? b.utf8ToString() : k);
            }
            return new Hits(ids(top), keys, count(s, query), top.scoreDocs.length, listViews ? listViews(s, top.scoreDocs) : null);
        });
    }

    private static List<String> listViews(IndexSearcher s, ScoreDoc[] hits) throws IOException {
        // Doc values go forward only: the hits are read in doc id order, one iterator per segment.
        Integer[] byDoc = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) byDoc[i] = i;
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        String[] out = new String[hits.length];
        LeafReaderContext leaf = null;
        BinaryDocValues views = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                views = leaf.reader().getBinaryDocValues(LIST_VIEW);
            }
            if (views != null && views.advanceExact(doc - leaf.docBase)) out[i] = views.binaryValue().utf8ToString();
        }
        return Arrays.asList(out);
    }

    /** Papers sharing the most of {@code tags} (not {@code except}), as id → shared tags, best first, then by id. */
    public List<Map.Entry<String, Integer>> similar(Collection<String> tags, String except, int n) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        // Each shared tag scores exactly 1: the score is the number of shared tags.
        for (String t : new LinkedHashSet<>(tags)) {
            b.add(new ConstantScoreQuery(new TermQuery(new Term(TAG, t))), BooleanClause.Occur.SHOULD);
        }
        b.add(new TermQuery(new Term(ID, except)), BooleanClause.Occur.MUST_NOT);
        Sort order = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));
        return withSearcher(s -> {
            TopFieldDocs top = s.search(b.build(), new TopFieldCollectorManager(order, n, null, n));
            List<String> ids = ids(top);
            List<Map.Entry<String, Integer>> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                float shared = (Float) ((FieldDoc) top.scoreDocs[i]).fields[0];
                out.add(Map.entry(ids.get(i), Math.round(shared)));
            }
            return out;
        });
    }

    /** Papers per tag, live papers only (cached per reopened reader: one pass over the tag postings). */
    public Map<String, Long> tagCounts() {
        return withSearcher(s -> {
            TagCounts c = tagCounts;
            if (c != null && c.reader == s.getIndexReader()) return c.counts;
            Map<String, Long> counts = new HashMap<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(TAG);
                if (terms == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                TermsEnum te = terms.iterator();
                PostingsEnum pe = null;
                for (BytesRef t = te.next(); t != null; t = te.next()) {
                    long count;
                    if (live == null) {
                        count = te.docFreq(); // no deletions in this segment: the term's document count is exact
                    } else {
                        count = 0;
                        pe = te.postings(pe, PostingsEnum.NONE);
                        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) if (live.get(d)) count++;
                    }
                    if (count > 0) counts.merge(t.utf8ToString(), count, Long::sum);
                }
            }
            Map<String, Long> frozen = Map.copyOf(counts);
            tagCounts = new TagCounts(s.getIndexReader(), frozen);
            return frozen;
        });
    }

    private record TagCounts(Object reader, Map<String, Long> counts) {}

    /**
     * This instance's papers per period, in all and per tag: the {@code only} tags, or every taxonomy tag when it is
     * empty (keyphrases are left out: too many to chart). One pass over the live documents' day and tag doc values.
     */
    public Trends.Counts trendCounts(Trends.By by, Collection<String> only) {
        Set<String> wanted = Set.copyOf(only);
        return withSearcher(s -> {
            Map<Long, String> periodOfDay = new HashMap<>();
            Map<String, Long> total = new HashMap<>();
            Map<String, Map<String, Long>> tags = new HashMap<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                NumericDocValues days = DocValues.getNumeric(leaf.reader(), DAY);
                SortedSetDocValues tagValues = DocValues.getSortedSet(leaf.reader(), TAG);
                String[] tagOfOrd = new String[(int) Math.min(Integer.MAX_VALUE, tagValues.getValueCount())];
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = days.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = days.nextDoc()) {
                    if (live != null && !live.get(doc)) continue;
                    String period = periodOfDay.computeIfAbsent(days.longValue(), by::period);
                    total.merge(period, 1L, Long::sum);
                    if (!tagValues.advanceExact(doc)) continue;
                    for (int i = 0; i < tagValues.docValueCount(); i++) {
                        int ord = (int) tagValues.nextOrd();
                        String tag = tagOfOrd[ord];
                        if (tag == null) {
                            String t = tagValues.lookupOrd(ord).utf8ToString();
                            tag = tagOfOrd[ord] = (wanted.isEmpty() ? !t.startsWith("kw:") : wanted.contains(t)) ? t : "";
                        }
                        if (!tag.isEmpty()) tags.computeIfAbsent(tag, k -> new HashMap<>()).merge(period, 1L, Long::sum);
                    }
                }
            }
            return new Trends.Counts(total, tags);
        });
    }

    /** Bound of the per-reader count cache (distinct queries; each query is bounded by {@link QueryLimits}). */
    static final int COUNT_CACHE_SIZE = 1024;
    private volatile CountCache counts = new CountCache(null);

    /** Totals of queries already counted on this reader: a popular tag or word is counted once per reopen, not per page. */
    private record CountCache(Object reader, Map<Query, Integer> byQuery) {
        CountCache(Object reader) {
            this(reader, new ConcurrentHashMap<>());
        }
    }

    private int count(IndexSearcher s, Query query) throws IOException {
        CountCache c = counts;
        if (c.reader != s.getIndexReader()) counts = c = new CountCache(s.getIndexReader());
        Integer n = c.byQuery.get(query);
        if (n == null) {
            n = s.count(query);
            if (c.byQuery.size() < COUNT_CACHE_SIZE) c.byQuery.put(query, n);
        }
        return n;
    }

    private static Query matching(List<String> tags, String q) {
        List<Query> terms = new ArrayList<>();
        if (tags != null) for (String t : new LinkedHashSet<>(tags)) terms.add(new TermQuery(new Term(TAG, t)));
        if (q != null) for (String w : new LinkedHashSet<>(TextAnalysis.terms(q))) terms.add(new TermQuery(new Term(TEXT, w)));
        if (terms.isEmpty()) return new MatchAllDocsQuery();
        if (terms.size() == 1) return terms.get(0); // counted from its document frequency
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Query t : terms) b.add(t, BooleanClause.Occur.FILTER);
        return new ConstantScoreQuery(b.build());
    }

    /** The ids of the hits, from their sort values: every order ends with the id (no stored field is read). */
    private static List<String> ids(TopFieldDocs top) {
        List<String> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc d : top.scoreDocs) {
            Object[] values = ((FieldDoc) d).fields;
            out.add(((BytesRef) values[values.length - 1]).utf8ToString());
        }
        return out;
    }

    private interface SearcherCall<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    /**
     * A query reopens the index first when changes are waiting, so a list sees every paper the store held when it
     * was asked (not only those of the last timed reopen); when the last reopen is more recent than this, the query
     * first waits for the rest of it, so a query load during ingest reopens at most about ten times a second.
     */
    static final long QUERY_REOPEN_NANOS = 100_000_000L;
    private volatile long lastChange = System.nanoTime();
    private volatile long lastReopen = System.nanoTime();

    private void changed() {
        lastChange = System.nanoTime();
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        try {
            if (lastChange - lastReopen >= 0) {
                long wait = lastReopen + QUERY_REOPEN_NANOS - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                if (lastChange - lastReopen >= 0) reopen(true);
            }
            IndexSearcher s = searchers.acquire();
            try {
                return call.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search index", e);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Makes every change so far visible to queries (the refresher does this every interval). */
    public void refresh() {
        try {
            reopen(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refreshQuietly() {
        try {
            reopen(false);
        } catch (IOException | RuntimeException e) {
            log.warn("search index: reopen failed", e);
        }
    }

    private void reopen(boolean blocking) throws IOException {
        long start = System.nanoTime(); // taken before: a change made during the reopen still counts as waiting
        if (blocking) {
            lastReopen = start;
            searchers.maybeRefreshBlocking();
        } else if (searchers.maybeRefresh()) {
            lastReopen = start; // false: another thread was reopening, which proves nothing about this moment
        }
    }

    /** Number of live papers in the index (tests, stats). */
    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /**
     * False once the index writer has failed for good (Lucene's "tragic" event, e.g. an out-of-memory error while
     * indexing): every later paper would be a dead letter, so the process must be restarted to rebuild it.
     */
    public boolean writable() {
        return writer.isOpen() && writer.getTragicException() == null;
    }

    @Override
    public void close() {
        if (refresher != null) refresher.shutdownNow();
        try {
            searchers.close();
            if (kept) {
                // Only the shares of cleanly closed tasks stay (and those the last run left that nobody took).
                for (Integer p : ready) writer.deleteDocuments(partitionTerm(p));
                commit();
            }
            writer.rollback(); // nothing more to keep: no final flush or merge
            dir.close();
        } catch (IOException | RuntimeException e) {
            log.warn("search index: close failed", e);
        }
        if (path != null && !kept) {
            try (Stream<Path> files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                log.debug("search index: could not delete {}", path, e);
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SearchIndex[%s, partitions %s]", path == null ? "heap" : path, ready);
    }
}
