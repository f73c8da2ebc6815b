package dev.papers.sink;

import dev.papers.common.Sighting;
import java.util.List;

/**
 * What {@code sort=rising} orders by: upvotes a paper gained per day over the {@link #WINDOW_MS} before its newest
 * counted sighting (from its bounded history). A span under a day counts as a day, so two captures minutes apart
 * do not make a paper "rise" by thousands a day. One sighting, or none with a count, is 0.
 */
final class Rising {
    static final long DAY_MS = 86_400_000L;
    static final long WINDOW_MS = 7 * DAY_MS;

    private Rising() {}

    /** Upvotes gained per day, in thousandths (the sort key is a whole number). */
    static long milliPerDay(List<Sighting> history) {
        Sighting last = null;
        for (int i = history.size() - 1; i >= 0 && last == null; i--) if (history.get(i).upvotes() != null) last = history.get(i);
        if (last == null) return 0;
        for (Sighting s : history) { // oldest first: the first counted sighting inside the window
            if (s == last) return 0;
            if (s.upvotes() != null && s.at() >= last.at() - WINDOW_MS) {
                double days = Math.max(1.0, (last.at() - s.at()) / (double) DAY_MS);
                return Math.round((last.upvotes() - s.upvotes()) * 1000.0 / days);
            }
        }
        return 0;
    }
}
