package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papers.common.Paper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyset paging without Kafka: cursors, the bounded top-N and walking several "instances" page by page. */
class PagingTest {

    /** 300 papers with many equal sort keys (ties broken by id) and missing upvotes/dates. */
    static List<Paper> papers() {
        Random rnd = new Random(42);
        List<Paper> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Paper p = TestData.paper(String.format("id%03d", i), "Title " + (char) ('A' + rnd.nextInt(5)) + rnd.nextInt(4),
                    "abstract", rnd.nextInt(10), "2024-01-0" + (1 + rnd.nextInt(5)), "s", 0, "t");
            if (i % 17 == 0) {
                p = new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(),
                        p.organization(), p.publishedText(), null, null, p.pageDate(), p.arxivId(), p.sources(), p.tags(),
                        p.firstSeen(), p.lastSeen(), p.duplicates());
            }
            out.add(p);
        }
        Collections.shuffle(out, rnd);
        return out;
    }

    /** Three "instances" each holding a third of the papers, answering like {@code /internal/page}, merged like list(). */
    @ParameterizedTest(name = "sort={0} asc={1} limit={2}")
    @CsvSource({"UPVOTES,false,7", "UPVOTES,true,50", "PUBLISHED,false,1", "PUBLISHED,true,13", "TITLE,true,7", "TITLE,false,500"})
    void walkingTheCursorsReturnsEveryPaperOnceInOrder(QueryService.Sort sort, boolean asc, int limit) {
        List<Paper> all = papers();
        List<List<Paper>> instances = List.of(all.subList(0, 100), all.subList(100, 200), all.subList(200, 300));
        List<Paper> expected = new ArrayList<>(all);
        expected.sort(Paging.order(sort, asc));

        List<Paper> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Paging.Cursor after = Paging.decode(cursor, sort, asc);
            Paging.TopN<Paper> merged = new Paging.TopN<>(limit, Paging.order(sort, asc), Paper::id);
            long remaining = 0;
            for (List<Paper> local : instances) {
                Paging.TopN<Paper> top = new Paging.TopN<>(limit, Paging.order(sort, asc), Paper::id);
                for (Paper p : local) {
                    if (Paging.after(p, after)) {
                        remaining++;
                        top.offer(p);
                    }
                }
                top.sorted().forEach(merged::offer);
            }
            List<Paper> page = merged.sorted();
            assertThat(page).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page);
            cursor = remaining > page.size() ? Paging.encode(Paging.cursorAt(page.get(page.size() - 1), sort, asc)) : null;
            pages++;
        } while (cursor != null && pages < 400);
        assertThat(seen).extracting(Paper::id).containsExactlyElementsOf(expected.stream().map(Paper::id).toList());
        assertThat(pages).isEqualTo((all.size() + limit - 1) / limit);
    }

    @Test
    void topNKeepsOnlyTheBestAndIgnoresARepeatedId() {
        List<Paper> all = papers();
        Paging.TopN<Paper> top = new Paging.TopN<>(5, Paging.order(QueryService.Sort.UPVOTES, false), Paper::id);
        all.forEach(top::offer);
        all.forEach(top::offer);
        List<Paper> expected = new ArrayList<>(all);
        expected.sort(Paging.order(QueryService.Sort.UPVOTES, false));
        assertThat(top.sorted()).containsExactlyElementsOf(expected.subList(0, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!", "e30", "bm90IGpzb24", "W10", "eyJ2IjoxfQ"})
    void garbageCursorsAre400NamingCursor(String cursor) {
        assertThatThrownBy(() -> Paging.decode(cursor, QueryService.Sort.UPVOTES, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("'cursor'");
                });
    }

    @Test
    void aCursorOnlyFitsItsOwnSortAndOrder() {
        Paper p = TestData.paper("x1", "Some Title", "a", 5, "2024-01-01", "s", 0);
        String byTitle = Paging.encode(Paging.cursorAt(p, QueryService.Sort.TITLE, true));
        assertThat(Paging.decode(byTitle, QueryService.Sort.TITLE, true).key()).isEqualTo("some title");
        assertThatThrownBy(() -> Paging.decode(byTitle, QueryService.Sort.TITLE, false)).hasMessageContaining("cursor");
        assertThatThrownBy(() -> Paging.decode(byTitle, QueryService.Sort.UPVOTES, true)).hasMessageContaining("cursor");
        String byVotes = Paging.encode(Paging.cursorAt(p, QueryService.Sort.UPVOTES, false));
        assertThat(Paging.decode(byVotes, QueryService.Sort.UPVOTES, false).key()).isEqualTo(5L);
        // a hand-made cursor with the wrong key type for its sort
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"v\":1,\"s\":\"upvotes\",\"o\":\"desc\",\"k\":\"five\",\"i\":\"x1\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Paging.decode(forged, QueryService.Sort.UPVOTES, false)).hasMessageContaining("cursor");
    }
}
