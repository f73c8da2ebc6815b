package dev.papers.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A projection asked for reaches the list requests (tag and search pages) and only them. */
class QueryPathTest {
    @Test
    void listPagesCarryTheFieldsPointLookupsDoNot() {
        QueryBench.Workload w = new QueryBench.Workload(List.of("abc"), List.of("llm"), List.of("diffusion"));
        String f = "id,title";
        assertThat(QueryBench.path("point", w, new SplittableRandom(1), f)).isEqualTo("/papers/abc");
        assertThat(QueryBench.path("tag", w, new SplittableRandom(1), f)).isEqualTo("/papers?tag=llm&limit=20&fields=id%2Ctitle");
        assertThat(QueryBench.path("search", w, new SplittableRandom(1), f)).isEqualTo("/papers?q=diffusion&limit=20&fields=id%2Ctitle");
        assertThat(QueryBench.path("search", w, new SplittableRandom(1), null)).isEqualTo("/papers?q=diffusion&limit=20");
    }
}
