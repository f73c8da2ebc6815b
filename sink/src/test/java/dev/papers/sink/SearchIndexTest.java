package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.tagging.text.TextAnalysis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search index against the definitions it replaces: Paging's order and the analysed-words text match. */
class SearchIndexTest {
    private static final String[] WORDS = {"Pre-Trained", "pretraining", "language", "models", "model's", "vision",
            "robots", "diffusion", "the", "of", "Über", "naïve", "3.5", "don't", "RAG", "retrieval"};
    private static final String[] TITLE_STARTS = {"A", "a", "Zebra", "\u00e9cole", "\ud83d\ude00 smile", "\ufffd odd",
            "\uff21 wide", "beta", "Beta", "", "x".repeat(1200)};
    private static final String[] TAGS = {"llm", "vision", "rag", "kw:robust paper"};

    private final SearchIndex index = SearchIndex.inMemory();
    private final Map<String, Paper> byId = new HashMap<>();

    @AfterEach
    void close() {
        index.close();
    }

    private List<Paper> corpus(int n, long seed) {
        Random rnd = new Random(seed);
        List<Paper> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder abs = new StringBuilder();
            for (int w = 0; w < 6; w++) abs.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
            List<String> tags = new ArrayList<>();
            for (String t : TAGS) if (rnd.nextInt(3) == 0) tags.add(t);
            String published = rnd.nextInt(9) == 0 ? null : "2024-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
            Paper p = TestData.paper(String.format("id%04d", i), TITLE_STARTS[rnd.nextInt(TITLE_STARTS.length)] + " "
                    + WORDS[rnd.nextInt(WORDS.length)], abs.toString(), rnd.nextInt(12), "2024-01-01", "s", 0, tags.toArray(String[]::new));
            p = new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(),
                    p.organization(), p.publishedText(), published, rnd.nextInt(7) == 0 ? null : p.upvotes(), p.pageDate(),
                    p.arxivId(), p.sources(), p.tags(), p.firstSeen(), p.lastSeen(), p.duplicates());
            out.add(p);
        }
        return out;
    }

    /** Indexes the papers spread over three partitions, as three tasks would. */
    private void load(List<Paper> papers) {
        for (int part = 0; part < 3; part++) {
            List<KeyValue<String, byte[]>> share = new ArrayList<>();
            for (int i = part; i < papers.size(); i += 3) share.add(KeyValue.pair(papers.get(i).id(), bytes(papers.get(i))));
            index.rebuild(part, share.iterator());
        }
        papers.forEach(p -> byId.put(p.id(), p));
    }

    private static byte[] bytes(Paper p) {
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }

    /** The store scan's text match, which the index must reproduce. */
    private static Predicate<Paper> scanMatch(String q) {
        Set<String> want = new HashSet<>(TextAnalysis.terms(q));
        return p -> new HashSet<>(TextAnalysis.terms(p.title() + " " + p.abstractText())).containsAll(want);
    }

    @ParameterizedTest(name = "sort={0} asc={1} limit={2} tag={3} q={4}")
    @CsvSource({"UPVOTES,false,7,,", "UPVOTES,true,50,llm,", "PUBLISHED,false,1,vision,models", "PUBLISHED,true,13,,pretrained",
            "TITLE,true,7,,", "TITLE,false,500,,", "TITLE,true,3,kw:robust paper,language model"})
    void cursorWalkGivesEveryMatchOnceInPagingOrder(QueryService.Sort sort, boolean asc, int limit, String tag, String q) {
        List<Paper> papers = corpus(400, 7);
        load(papers);
        List<String> tags = tag == null ? List.of() : List.of(tag);
        Predicate<Paper> match = scanMatch(q == null ? "" : q).and(p -> tags.isEmpty() || p.tagNames().contains(tag));
        List<String> expected = papers.stream().filter(match).sorted(Paging.order(sort, asc)).map(Paper::id).toList();
        assertThat(expected).isNotEmpty();

        List<String> seen = new ArrayList<>();
        Paging.Cursor cursor = null;
        for (int pages = 0; pages < 500; pages++) {
            SearchIndex.Hits hits = index.search(tags, q, sort, asc, cursor, limit + 1);
            assertThat(hits.total()).isEqualTo(expected.size());
            List<String> page = hits.ids().subList(0, Math.min(limit, hits.ids().size()));
            seen.addAll(page);
            if (hits.after() <= limit) break;
            cursor = Paging.cursorAt(byId.get(page.get(page.size() - 1)), sort, asc);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    /** A list item's fields in the paper's order, from the decoded JSON tree (not from the index's own projection). */
    private static final List<String> LIST_ITEM = List.of("id", "title", "organization", "publishedText", "published",
            "upvotes");

    private static String listItem(Paper p) {
        com.fasterxml.jackson.databind.node.ObjectNode whole = Json.MAPPER.valueToTree(p), out = Json.MAPPER.createObjectNode();
        whole.fields().forEachRemaining(f -> {
            if (LIST_ITEM.contains(f.getKey())) out.set(f.getKey(), f.getValue());
        });
        return Json.write(out);
    }

    @ParameterizedTest(name = "sort={0} tag={1} q={2}")
    @CsvSource({"UPVOTES,,", "TITLE,llm,", "PUBLISHED,,models", "RISING,vision,"})
    void hitsCarryEachPapersListViewOnlyWhenAsked(QueryService.Sort sort, String tag, String q) {
        List<Paper> papers = corpus(200, 13);
        load(papers);
        List<String> tags = tag == null ? List.of() : List.of(tag);
        SearchIndex.Hits plain = index.search(tags, q, sort, false, null, 60);
        assertThat(plain.listViews()).isNull();
        SearchIndex.Hits hits = index.search(tags, q, sort, false, null, 60, true);
        assertThat(hits.ids()).containsExactlyElementsOf(plain.ids()).isNotEmpty();
        for (int i = 0; i < hits.ids().size(); i++) {
            assertThat(hits.listViews().get(i)).as(hits.ids().get(i)).isEqualTo(listItem(byId.get(hits.ids().get(i))));
        }
    }

    @Test
    void anUpdatedPaperShowsItsNewListViewOnTheNextQuery() {
        List<Paper> papers = corpus(30, 17);
        load(papers);
        Paper p = papers.get(4);
        Paper changed = new Paper(p.schemaVersion(), p.id(), "Retitled \"Quoted\" été Paper", p.normalizedTitle(),
                p.abstractText(), p.authors(), "New Org", p.publishedText(), p.published(), 1_000, p.pageDate(), p.arxivId(),
                p.sources(), p.tags(), p.firstSeen(), p.lastSeen(), p.duplicates());
        index.put(1, p.id(), bytes(changed)); // no refresh: the query reopens the index itself
        SearchIndex.Hits hits = index.search(List.of(), null, QueryService.Sort.UPVOTES, false, null, 1, true);
        assertThat(hits.ids()).containsExactly(p.id());
        assertThat(hits.listViews()).containsExactly(listItem(changed));
        assertThat(hits.listViews().get(0)).contains("\"upvotes\":1000", "New Org");
    }

    @Test
    void writableUntilItsWriterIsGone() {
        SearchIndex other = SearchIndex.inMemory();
        assertThat(other.writable()).isTrue();
        other.close();
        assertThat(other.writable()).as("a closed writer: the sink is no longer live").isFalse();
    }

    @Test
    void textMatchIsTheAnalysedWordsOfTitleAndAbstract() {
        List<Paper> papers = corpus(300, 11);
        load(papers);
        for (String q : List.of("pre-training", "Pretrained models", "MODEL", "uber", "naive", "rag retrieval", "3.5",
                "don't", "the of", "robot", "zebra language", "nothingmatches")) {
            long expected = papers.stream().filter(scanMatch(q)).count();
            assertThat(index.search(List.of(), q, QueryService.Sort.UPVOTES, false, null, 5).total()).as(q).isEqualTo(expected);
        }
        // stop words only: no condition, as in the scan
        assertThat(index.search(List.of(), "the of", QueryService.Sort.UPVOTES, false, null, 5).total()).isEqualTo(300);
    }

    @Test
    void tagsAreAndedAndCountedOverLivePapersOnly() {
        List<Paper> papers = corpus(300, 3);
        load(papers);
        long both = papers.stream().filter(p -> p.tagNames().containsAll(List.of("llm", "rag"))).count();
        assertThat(index.search(List.of("llm", "rag"), null, QueryService.Sort.TITLE, true, null, 1).total()).isEqualTo(both);

        Paper first = papers.get(0);
        index.put(0, first.id(), null); // tombstone
        Paper second = papers.get(3);
        // a value that is not a paper leaves the index and says why (the processing handler makes it a dead letter)
        assertThatThrownBy(() -> index.put(0, second.id(), "not a paper".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(second.id()).hasMessageContaining("not a paper");
        Paper third = papers.get(6);
        Paper retagged = third.withTags(List.of(new dev.papers.common.TagScore("brand-new", 1.0, "test")));
        index.put(0, third.id(), bytes(retagged));
        index.refresh();

        Map<String, Long> expected = new HashMap<>();
        for (Paper p : papers) {
            if (p == first || p == second) continue;
            for (String t : new HashSet<>((p == third ? retagged : p).tagNames())) expected.merge(t, 1L, Long::sum);
        }
        assertThat(index.tagCounts()).isEqualTo(expected);
        assertThat(index.size()).isEqualTo(298);
        assertThat(index.search(List.of("brand-new"), null, QueryService.Sort.UPVOTES, false, null, 5).ids()).containsExactly(third.id());
    }

    /**
     * Lucene refuses a term or sorted doc value over 32,766 UTF-8 bytes. A paper with one (id, tag, date) is refused
     * with the reason, its earlier version leaves the index, and a rebuild skips it and keeps the rest.
     */
    @Test
    void valuesOverTheTermLimitAreRefusedWithTheirReasonAndSkippedByARebuild() {
        Paper ok = TestData.paper("ok1", "Fine Paper", "words", 5, "2024-05-01", "s", 0, "llm");
        Paper retaggedLong = TestData.paper("ok2", "Fine Then Not", "words", 4, "2024-05-01", "s", 0, "llm", "t".repeat(32_767));
        String longId = "\u00e9".repeat(16_384); // 16,384 chars, 32,768 bytes: the byte count is what matters
        Paper idTooLong = TestData.paper(longId, "Long Id", "words", 3, "2024-05-01", "s", 0, "llm");
        Paper dateTooLong = TestData.paper("ok3", "Long Date", "words", 2, "2024-05-01", "s", 0, "llm");
        dateTooLong = new Paper(dateTooLong.schemaVersion(), dateTooLong.id(), dateTooLong.title(), dateTooLong.normalizedTitle(),
                dateTooLong.abstractText(), dateTooLong.authors(), dateTooLong.organization(), dateTooLong.publishedText(),
                "2".repeat(40_000), dateTooLong.upvotes(), dateTooLong.pageDate(), dateTooLong.arxivId(), dateTooLong.sources(),
                dateTooLong.tags(), dateTooLong.firstSeen(), dateTooLong.lastSeen(), dateTooLong.duplicates());
        Paper atTheLimit = TestData.paper("ok4", "Tag At The Limit", "words", 1, "2024-05-01", "s", 0, "x".repeat(32_766));
        index.rebuild(0, List.<KeyValue<String, byte[]>>of().iterator());

        index.put(0, ok.id(), bytes(ok));
        index.put(0, "ok2", bytes(TestData.paper("ok2", "Fine Then Not", "words", 4, "2024-05-01", "s", 0, "llm")));
        index.put(0, atTheLimit.id(), bytes(atTheLimit));
        assertThat(index.search(List.of("llm"), null, QueryService.Sort.UPVOTES, false, null, 10).ids()).containsExactly("ok1", "ok2");
        assertThatThrownBy(() -> index.put(0, "ok2", bytes(retaggedLong))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ok2").hasMessageContaining("a tag is 32767 bytes");
        assertThatThrownBy(() -> index.put(0, longId, bytes(idTooLong))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its id is 32768 bytes").hasMessageContaining("(16384 chars)");
        Paper dateTooLongFinal = dateTooLong;
        assertThatThrownBy(() -> index.put(0, "ok3", bytes(dateTooLongFinal))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("published date is 40000 bytes");
        index.put(0, longId, null); // its tombstone: nothing to remove, no failure
        assertThat(index.search(List.of("llm"), null, QueryService.Sort.UPVOTES, false, null, 10).ids()).containsExactly("ok1");
        assertThat(index.size()).isEqualTo(2);

        index.rebuild(1, List.of(KeyValue.pair("r1", bytes(ok)), KeyValue.pair("ok2", bytes(retaggedLong)),
                KeyValue.pair(longId, bytes(idTooLong)), KeyValue.pair("junk", "{not json".getBytes(StandardCharsets.UTF_8)),
                KeyValue.pair("ok3", bytes(dateTooLong)), KeyValue.pair("r2", bytes(atTheLimit))).iterator());
        assertThat(index.covers(Set.of(0, 1))).isTrue();
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search(List.of("x".repeat(32_766)), null, QueryService.Sort.UPVOTES, false, null, 10).ids())
                .containsExactlyInAnyOrder("ok4", "r2");
    }

    /** No timed reopen here (in memory, refresh 0): a query must still see every change made before it. */
    @Test
    void aQuerySeesEveryChangeMadeBeforeIt() {
        load(corpus(30, 1));
        Paper fresh = TestData.paper("fresh1", "Brand New Retrieval Paper", "zyzzyva words", 99, "2024-05-01", "s", 0, "rag");
        index.put(2, fresh.id(), bytes(fresh));
        assertThat(index.search(List.of(), "zyzzyva", QueryService.Sort.UPVOTES, false, null, 5).ids()).containsExactly("fresh1");
        index.put(2, fresh.id(), null);
        assertThat(index.search(List.of(), "zyzzyva", QueryService.Sort.UPVOTES, false, null, 5).total()).isZero();
        assertThat(index.size()).isEqualTo(30);
    }

    @Test
    void aDroppedPartitionLeavesAndIsNoLongerCovered() {
        List<Paper> papers = corpus(30, 5);
        load(papers);
        assertThat(index.covers(Set.of(0, 1, 2))).isTrue();
        index.drop(1);
        index.refresh();
        assertThat(index.covers(Set.of(0, 1, 2))).isFalse();
        assertThat(index.covers(Set.of(0, 2))).isTrue();
        assertThat(index.size()).isEqualTo(20);
        // rebuilding replaces the share: nothing left of an earlier version of the partition
        index.rebuild(0, List.of(KeyValue.pair(papers.get(0).id(), bytes(papers.get(0)))).iterator());
        assertThat(index.size()).isEqualTo(11);
    }

    @Test
    void similarScoresSharedTagsExcludingThePaperItself() {
        List<Paper> papers = corpus(200, 9);
        load(papers);
        Paper p = papers.stream().filter(x -> x.tagNames().size() >= 2).findFirst().orElseThrow();
        List<Map.Entry<String, Integer>> got = index.similar(p.tagNames(), p.id(), 10);
        List<Map.Entry<String, Integer>> expected = papers.stream().filter(x -> !x.id().equals(p.id()))
                .map(x -> Map.entry(x.id(), (int) x.tagNames().stream().filter(p.tagNames()::contains).count()))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(10).toList();
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void codePointOrderIsUtf8ByteOrder() {
        List<String> s = new ArrayList<>(List.of("\ufffd", "\ud83d\ude00", "a", "\u00e9", "", "\uff21", "\ud800\udc00"));
        s.sort(Paging::byCodePoint);
        List<String> byBytes = new ArrayList<>(s);
        byBytes.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(s).containsExactlyElementsOf(byBytes);
        assertThat(s.indexOf("\ufffd")).isLessThan(s.indexOf("\ud800\udc00"));
    }
}
