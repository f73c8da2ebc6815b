package dev.papers.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The step search on a made-up server whose limit is known, so each step is worked out by hand. */
class RateSearchTest {
    static RateSearch.Measure limit(long maxOk) {
        return rate -> new RateSearch.Step(rate, rate <= maxOk, "");
    }

    static List<Long> rates(RateSearch.Found f) {
        return f.steps().stream().map(RateSearch.Step::rate).toList();
    }

    @Test
    void doublesWhileItPassesThenBisects() throws Exception {
        RateSearch.Found f = RateSearch.search(1000, 100_000, 3, limit(7300));
        // 1000 2000 4000 pass, 8000 fails; 6000 pass, 7000 pass, 7500 fail
        assertThat(rates(f)).containsExactly(1000L, 2000L, 4000L, 8000L, 6000L, 7000L, 7500L);
        assertThat(f.best()).isEqualTo(7000);
    }

    @Test
    void halvesFromAFailingStart() throws Exception {
        RateSearch.Found f = RateSearch.search(1000, 100_000, 3, limit(300));
        // 1000 500 fail, 250 pass; then 375 fail, 313 fail (312.5 rounded), 282 pass (281.5 rounded)
        assertThat(rates(f)).containsExactly(1000L, 500L, 250L, 375L, 313L, 282L);
        assertThat(f.best()).isEqualTo(282);
    }

    @Test
    void stopsAtTheMaximumAndReportsNothingWhenEvenOneFails() throws Exception {
        RateSearch.Found top = RateSearch.search(1000, 3000, 3, limit(1_000_000));
        assertThat(rates(top)).containsExactly(1000L, 2000L, 3000L);
        assertThat(top.best()).isEqualTo(3000);
        RateSearch.Found none = RateSearch.search(4, 100, 3, limit(0));
        assertThat(rates(none)).containsExactly(4L, 2L, 1L);
        assertThat(none.best()).isZero();
    }
}
