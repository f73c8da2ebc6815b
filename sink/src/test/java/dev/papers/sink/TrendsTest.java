package dev.papers.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendsTest {
    static long day(String iso) {
        return LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void periodsAreIsoWeeksFromMondayOrMonths() {
        assertThat(Trends.By.WEEK.period(day("2025-06-01"))).isEqualTo("2025-05-26"); // a Sunday
        assertThat(Trends.By.WEEK.period(day("2025-06-02"))).isEqualTo("2025-06-02"); // a Monday
        assertThat(Trends.By.WEEK.period(day("2025-01-01"))).isEqualTo("2024-12-30");
        assertThat(Trends.By.MONTH.period(day("2025-06-30"))).isEqualTo("2025-06");
        assertThat(Trends.By.parse(null)).isEqualTo(Trends.By.WEEK);
        assertThat(Trends.By.parse("MONTH")).isEqualTo(Trends.By.MONTH);
        assertThatThrownBy(() -> Trends.By.parse("day")).isInstanceOf(ApiException.class).hasMessageContaining("by");
    }

    @Test
    void countsAddUpAndGapsAreZeros() {
        Trends.Counts a = new Trends.Counts(Map.of("2025-01", 2L, "2025-04", 1L), Map.of("llm", Map.of("2025-01", 2L), "kw:x", Map.of("2025-04", 1L)));
        Trends.Counts b = new Trends.Counts(Map.of("2025-01", 1L), Map.of("llm", Map.of("2025-01", 1L), "video", Map.of("2025-01", 1L)));
        Trends.Answer t = Trends.answer(Trends.By.MONTH, a.plus(b), List.of(), 5);
        assertThat(t.periods()).containsExactly("2025-01", "2025-02", "2025-03", "2025-04");
        assertThat(t.total()).containsExactly(3L, 0L, 0L, 1L);
        // most frequent first, keyphrases only when asked for
        assertThat(t.tags()).containsExactly(new Trends.Series("llm", 3, List.of(3L, 0L, 0L, 0L)),
                new Trends.Series("video", 1, List.of(1L, 0L, 0L, 0L)));
        assertThat(Trends.answer(Trends.By.MONTH, a, List.of("kw:x"), 5).tags())
                .containsExactly(new Trends.Series("kw:x", 1, List.of(0L, 0L, 0L, 1L)));
        assertThat(Trends.answer(Trends.By.MONTH, a.plus(b), List.of(), 1).tags()).extracting(Trends.Series::tag).containsExactly("llm");
        assertThat(t.truncated()).isFalse();
    }

    @Test
    void aStrayOldDateKeepsOnlyTheNewestPeriods() {
        Trends.Counts c = new Trends.Counts(Map.of("1900-01-01", 1L, "2025-06-02", 4L), Map.of());
        Trends.Answer t = Trends.answer(Trends.By.WEEK, c, List.of(), 5);
        assertThat(t.periods()).hasSize(Trends.MAX_PERIODS).endsWith("2025-06-02").startsWith(LocalDate.parse("2025-06-02").minusWeeks(Trends.MAX_PERIODS - 1).toString());
        assertThat(t.truncated()).isTrue();
        assertThat(t.total().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
        assertThat(Trends.answer(Trends.By.WEEK, new Trends.Counts(Map.of(), Map.of()), List.of(), 5).periods()).isEmpty();
    }
}
