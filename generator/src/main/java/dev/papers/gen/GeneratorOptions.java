package dev.papers.gen;

import java.util.Locale;

/**
 * What {@link PageGenerator} writes.
 *
 * @param entries  number of entries over all pages (≥ 1)
 * @param dupRate  share of entries that repeat an earlier paper's title (case/punctuation variants that normalise
 *                 to the same title), in [0, 1); exactly {@code round(entries × dupRate)} entries are repeats
 * @param format   {@code "A"} (blank-separated blocks with metadata), {@code "B"} (title/abstract lines) or
 *                 {@code "mixed"} (pages alternate A, B, A, …)
 * @param pages    number of page files (≥ 1, at most {@code entries})
 * @param seed     the same options and seed always give the same bytes
 */
public record GeneratorOptions(int entries, double dupRate, String format, int pages, long seed) {
    public GeneratorOptions {
        if (entries < 1) throw new IllegalArgumentException("entries must be at least 1, got " + entries);
        if (!(dupRate >= 0 && dupRate < 1)) throw new IllegalArgumentException("dupRate must be in [0, 1), got " + dupRate);
        if (format == null) throw new IllegalArgumentException("format must be A, B or mixed");
        String f = format.trim();
        if (f.equalsIgnoreCase("mixed")) format = "mixed";
        else if (f.equalsIgnoreCase("A") || f.equalsIgnoreCase("B")) format = f.toUpperCase(Locale.ROOT);
        else throw new IllegalArgumentException("format must be A, B or mixed, got " + format);
        if (pages < 1) throw new IllegalArgumentException("pages must be at least 1, got " + pages);
        if (pages > entries) throw new IllegalArgumentException("pages (" + pages + ") must not exceed entries (" + entries + ")");
    }

    /** Number of entries that repeat an earlier title. */
    public int duplicates() {
        int d = (int) Math.round(entries * dupRate);
        return Math.min(d, entries - 1);
    }

    /** Number of distinct papers (distinct normalised titles). */
    public int unique() {
        return entries - duplicates();
    }
}
