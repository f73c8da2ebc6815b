package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Sighting;
import java.util.List;
import org.junit.jupiter.api.Test;

class RisingTest {
    static final long DAY = 86_400_000L;

    static Sighting at(double days, Integer upvotes) {
        return new Sighting(Math.round(days * DAY), upvotes, "s");
    }

    @Test
    void upvotesGainedPerDayInThousandths() {
        assertThat(Rising.milliPerDay(List.of(at(0, 2), at(1, 14), at(2, 32)))).isEqualTo(15_000);
        assertThat(Rising.milliPerDay(List.of(at(0, 50), at(2, 40)))).isEqualTo(-5_000);
        assertThat(Rising.milliPerDay(List.of(at(0, 1), at(3, 2)))).isEqualTo(333);
    }

    @Test
    void onlyTheLastWeekBeforeTheNewestCountedSightingCounts() {
        // +100 three weeks ago, flat since: not rising
        assertThat(Rising.milliPerDay(List.of(at(0, 0), at(20, 100), at(21, 100)))).isZero();
        // the window starts at the first counted sighting inside it (day 14 of 21)
        assertThat(Rising.milliPerDay(List.of(at(0, 0), at(14, 10), at(21, 24)))).isEqualTo(2_000);
    }

    @Test
    void lessThanADayCountsAsADayAndOnePointIsNoTrend() {
        assertThat(Rising.milliPerDay(List.of(at(0, 0), at(0.01, 30)))).isEqualTo(30_000);
        assertThat(Rising.milliPerDay(List.of(at(5, 30)))).isZero();
        assertThat(Rising.milliPerDay(List.of())).isZero();
        // sightings without a count are skipped at both ends
        assertThat(Rising.milliPerDay(List.of(at(0, null), at(1, 4), at(3, 10), at(4, null)))).isEqualTo(3_000);
        assertThat(Rising.milliPerDay(List.of(at(0, null), at(1, null)))).isZero();
    }
}
