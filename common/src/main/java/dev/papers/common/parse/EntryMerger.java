package dev.papers.common.parse;

import dev.papers.common.Entry;

/**
 * The merge rule for two sightings of one paper, shared by {@code papers parse --unique} and the processor's
 * dedup: longest abstract, each metadata field from whichever sighting has it (a dated year beats a yearless
 * date), max upvotes (they keep rising after posting, so never first-wins). Identity fields stay the first's.
 */
public final class EntryMerger {
    private EntryMerger() {}

    public static Entry merge(Entry first, Entry other) {
        String abs = longer(first.abstractText(), other.abstractText());
        boolean takeDate = first.publishedText() == null
                || (first.published() == null && other.published() != null);
        return new Entry(first.source(), first.id(), first.title(), abs,
                first.authors() != null ? first.authors() : other.authors(),
                first.organization() != null ? first.organization() : other.organization(),
                takeDate && other.publishedText() != null ? other.publishedText() : first.publishedText(),
                takeDate && other.publishedText() != null ? other.published() : first.published(),
                maxOrNull(first.upvotes(), other.upvotes()),
                first.pageDate() != null ? first.pageDate() : other.pageDate());
    }

    public static String longer(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.length() > a.length() ? b : a;
    }

    public static Integer maxOrNull(Integer a, Integer b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }
}
