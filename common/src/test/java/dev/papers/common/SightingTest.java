package dev.papers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SightingTest {
    @Test
    void anIdenticalCaptureAddsNothingANewCountOrSourceDoes() {
        List<Sighting> h = List.of(new Sighting(10, 5, "a"));
        assertThat(Sighting.add(h, new Sighting(20, 5, "a"))).isSameAs(h);
        assertThat(Sighting.add(h, new Sighting(20, 6, "a"))).extracting(Sighting::upvotes).containsExactly(5, 6);
        assertThat(Sighting.add(h, new Sighting(20, 5, "b"))).extracting(Sighting::source).containsExactly("a", "b");
        // compared with the newest sighting of that source, not any: back to an earlier count is news
        List<Sighting> two = Sighting.add(h, new Sighting(20, 6, "a"));
        assertThat(Sighting.add(two, new Sighting(30, 5, "a"))).hasSize(3);
        // a page without counts, sent twice, counts once
        List<Sighting> none = Sighting.add(List.of(), new Sighting(1, null, "x"));
        assertThat(Sighting.add(none, new Sighting(2, null, "x"))).hasSize(1);
    }

    @Test
    void historyIsInTimeOrderAndKeepsTheNewestPoints() {
        List<Sighting> h = new ArrayList<>();
        h = Sighting.add(h, new Sighting(100, 1, "late"));
        h = Sighting.add(h, new Sighting(50, 0, "early")); // an older page arriving after a newer one
        assertThat(h).extracting(Sighting::at).containsExactly(50L, 100L);
        for (int i = 0; i < 100; i++) h = Sighting.add(h, new Sighting(1000 + i, i, "p"));
        assertThat(h).hasSize(Sighting.MAX_HISTORY);
        assertThat(h.get(0).at()).isEqualTo(1000 + 100 - Sighting.MAX_HISTORY);
        assertThat(h.get(h.size() - 1).upvotes()).isEqualTo(99);
    }

    @Test
    void aPaperWithoutHistoryReadsAsEmptyAndWritesNone() {
        Paper p = Json.read("{\"schemaVersion\":1,\"id\":\"x\",\"title\":\"T\"}", Paper.class);
        assertThat(p.history()).isEmpty();
        assertThat(Json.write(p)).doesNotContain("history");
        Paper seen = Paper.of(new Entry("s.txt", "x", "T", "A", 1, null, null, null, 7, null), 42L);
        assertThat(seen.history()).containsExactly(new Sighting(42L, 7, "s.txt"));
        assertThat(Json.read(Json.write(seen), Paper.class)).isEqualTo(seen);
    }
}
