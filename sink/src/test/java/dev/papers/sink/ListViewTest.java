package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages answered from the search index's list views, against a real broker and the demo papers: every item is byte
 * for byte what the store answers for the same ids ({@link PaperStoreReader#rawPapers}, the way pages were built
 * before), for every order, a tag filter and a text query; a projection outside the list view still reads the store;
 * a changed paper shows its new list view on the next page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ListViewTest {
    static final List<String> WEB = List.of("id,title,upvotes,published,publishedText,organization");

    @TempDir
    static Path tmp;
    DemoSink demo;
    QueryService query;

    @BeforeAll
    void start() throws Exception {
        demo = DemoSink.start(tmp, "listview");
        query = demo.sink.query();
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) demo.close();
    }

    /** Walks every page (limit 17) and checks each against the store; returns the ids seen. */
    private List<String> walk(List<String> tags, String q, QueryService.Sort sort, boolean asc, List<String> fields) {
        Projection projection = Projection.parse(fields);
        tags = new ArrayList<>(tags); // as a peer's request decodes (localPage asks whether it holds null)
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            Paging.LocalPage page = query.localPage(new Paging.PageRequest(tags, q, sort, asc, cursor, 17, fields));
            Paging.LocalPage whole = query.localPage(new Paging.PageRequest(tags, q, sort, asc, cursor, 17, null));
            List<String> ids = page.items().stream().map(Paging.Item::id).toList();
            assertThat(ids).containsExactlyElementsOf(whole.items().stream().map(Paging.Item::id).toList());
            assertThat(page.items().stream().map(Paging.Item::key).toList())
                    .containsExactlyElementsOf(whole.items().stream().map(Paging.Item::key).toList());
            assertThat(page.total()).isEqualTo(whole.total());
            List<String> stored = query.local().rawPapers(ids, projection);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(page.items().get(i).paper()).as(ids.get(i)).isNotNull().isEqualTo(stored.get(i));
                // and the projection of the whole stored paper the page carries without fields
                assertThat(page.items().get(i).paper()).isEqualTo(projection.fromStored(ids.get(i),
                        whole.items().get(i).paper().getBytes(StandardCharsets.UTF_8)));
            }
            seen.addAll(ids);
            if (page.remaining() <= 17) break;
            Paging.Item last = page.items().get(page.items().size() - 1);
            cursor = Paging.encode(Paging.cursorAt(last, sort, asc));
        }
        return seen;
    }

    @Test
    void everyOrderGivesTheStoresProjectionForEveryDemoPaper() {
        Set<String> all = new HashSet<>();
        demo.papers.forEach(p -> all.add(p.id()));
        for (QueryService.Sort sort : QueryService.Sort.values()) {
            for (boolean asc : List.of(false, true)) {
                List<String> seen = walk(List.of(), null, sort, asc, WEB);
                assertThat(new HashSet<>(seen)).as(sort + " asc=" + asc).containsAll(all);
            }
        }
    }

    @Test
    void aTagFilterATextQueryAndSmallerProjectionsToo() {
        String tag = demo.papers.stream().flatMap(p -> p.tagNames().stream()).findFirst().orElseThrow();
        long tagged = demo.papers.stream().filter(p -> p.tagNames().contains(tag)).count();
        assertThat(walk(List.of(tag), null, QueryService.Sort.UPVOTES, false, WEB)).hasSizeGreaterThanOrEqualTo((int) tagged);
        assertThat(walk(List.of(), "model", QueryService.Sort.PUBLISHED, false, WEB)).hasSizeGreaterThan(10);
        assertThat(walk(List.of(), "model", QueryService.Sort.RISING, false, List.of("id,title"))).hasSizeGreaterThan(10);
        assertThat(walk(List.of(tag), null, QueryService.Sort.TITLE, true, List.of("upvotes,title,id,organization,"
                + "publishedText,published"))).hasSizeGreaterThanOrEqualTo((int) tagged);
    }

    @Test
    void aProjectionBeyondTheListViewReadsTheStore() {
        List<String> seen = walk(List.of(), null, QueryService.Sort.UPVOTES, false, List.of("id,abstract"));
        assertThat(seen).hasSizeGreaterThanOrEqualTo(demo.papers.size());
        Paging.LocalPage page = query.localPage(new Paging.PageRequest(new ArrayList<>(), null, QueryService.Sort.UPVOTES, false,
                null, 5, List.of("id,abstract")));
        assertThat(page.items()).allSatisfy(i -> assertThat(i.paper()).contains("\"abstract\":"));
        assertThat(walk(List.of(), "model", QueryService.Sort.TITLE, false, List.of("id,title,authors,arxivId"))).hasSizeGreaterThan(10);
    }

    @Test
    void aChangedPaperShowsItsNewListViewOnTheNextPage() throws Exception {
        Paper p = TestData.paper("listview-changed", "A Paper Before Its Change", "words", 900_000, "2025-01-02", "s", 0, "llm");
        TestData.publish(demo.cfg, List.of(p));
        awaitTop(p);
        Paper changed = new Paper(p.schemaVersion(), p.id(), "The \"Same\" Paper, Retitled", p.normalizedTitle(),
                p.abstractText(), p.authors(), p.organization(), p.publishedText(), p.published(), 950_000, p.pageDate(),
                p.arxivId(), p.sources(), p.tags(), p.firstSeen(), p.lastSeen(), p.duplicates());
        TestData.publish(demo.cfg, List.of(changed));
        awaitTop(changed);
    }

    private void awaitTop(Paper p) {
        String expected = Projection.parse(WEB).fromStored(p.id(), Json.write(p).getBytes(StandardCharsets.UTF_8));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Paging.LocalPage page = query.localPage(new Paging.PageRequest(new ArrayList<>(), null, QueryService.Sort.UPVOTES,
                    false, null, 1, WEB));
            assertThat(page.items()).extracting(Paging.Item::paper).containsExactly(expected);
        });
    }
}
