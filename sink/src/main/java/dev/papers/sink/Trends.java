package dev.papers.sink;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /trends}: papers per period (by publication day, else the day first seen: {@link Exports#day}) in all and
 * per tag. Each instance counts its own papers from the search index ({@link SearchIndex#trendCounts}); the instance
 * asked adds the counts up ({@link Counts#plus}) and lays them out as contiguous periods ({@link #answer}).
 */
final class Trends {
    /** At most this many periods, the newest (five years of weeks): a stray date of 1900 does not make 6,000 weeks. */
    static final int MAX_PERIODS = 260;
    static final int DEFAULT_TOP = 6, MAX_TOP = 50;

    enum By {
        WEEK, MONTH;

        /** The period holding a day: the Monday of its ISO week, or its month ({@code 2025-06}). */
        String period(long epochDay) {
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            return this == WEEK ? d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString() : YearMonth.from(d).toString();
        }

        String next(String period) {
            return this == WEEK ? LocalDate.parse(period).plusWeeks(1).toString() : YearMonth.parse(period).plusMonths(1).toString();
        }

        String back(String period, int n) {
            return this == WEEK ? LocalDate.parse(period).minusWeeks(n).toString() : YearMonth.parse(period).minusMonths(n).toString();
        }

        static By parse(String s) {
            if (s == null || s.isEmpty()) return WEEK;
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "week" -> WEEK;
                case "month" -> MONTH;
                default -> throw ApiException.badParam("by", "week or month");
            };
        }
    }

    /** Papers per period, in all and per tag (tag → period → papers): one instance's, or all added up. */
    record Counts(Map<String, Long> total, Map<String, Map<String, Long>> tags) {
        Counts plus(Counts o) {
            Map<String, Long> t = new HashMap<>(total);
            o.total.forEach((p, n) -> t.merge(p, n, Long::sum));
            Map<String, Map<String, Long>> g = new HashMap<>();
            tags.forEach((tag, m) -> g.put(tag, new HashMap<>(m)));
            o.tags.forEach((tag, m) -> m.forEach((p, n) -> g.computeIfAbsent(tag, k -> new HashMap<>()).merge(p, n, Long::sum)));
            return new Counts(t, g);
        }
    }

    record Series(String tag, long total, List<Long> counts) {}

    /** @param truncated whether older periods were left out ({@link #MAX_PERIODS}) */
    record Answer(String by, List<String> periods, List<Long> total, List<Series> tags, boolean truncated) {}

    private Trends() {}

    /**
     * Contiguous periods from the oldest to the newest that has papers (at most {@link #MAX_PERIODS}), papers per
     * period, and a series per tag: the {@code tags} asked for in their order, else the {@code top} most frequent
     * taxonomy tags (keyphrases are too many to chart), most papers first.
     */
    static Answer answer(By by, Counts c, List<String> tags, int top) {
        List<String> periods = new ArrayList<>();
        boolean truncated = false;
        if (!c.total().isEmpty()) {
            String last = c.total().keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
            String first = c.total().keySet().stream().min(Comparator.naturalOrder()).orElseThrow();
            String oldest = by.back(last, MAX_PERIODS - 1);
            if (first.compareTo(oldest) < 0) truncated = true;
            else oldest = first;
            for (String p = oldest; p.compareTo(last) <= 0; p = by.next(p)) periods.add(p);
        }
        List<String> chosen;
        if (tags != null && !tags.isEmpty()) chosen = List.copyOf(new LinkedHashSet<>(tags));
        else chosen = c.tags().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("kw:"))
                .map(e -> Map.entry(e.getKey(), sum(e.getValue())))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).map(Map.Entry::getKey).toList();
        List<Series> series = new ArrayList<>();
        for (String tag : chosen) {
            Map<String, Long> m = c.tags().getOrDefault(tag, Map.of());
            series.add(new Series(tag, sum(m), periods.stream().map(p -> m.getOrDefault(p, 0L)).toList()));
        }
        return new Answer(by.name().toLowerCase(Locale.ROOT), periods,
                periods.stream().map(p -> c.total().getOrDefault(p, 0L)).toList(), series, truncated);
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}
