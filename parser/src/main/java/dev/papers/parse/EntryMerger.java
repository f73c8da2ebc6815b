package dev.papers.parse;

import dev.papers.common.Entry;
import java.util.List;

/**
 * The merge rule for two sightings of one paper, shared by {@code papers parse --unique} and the processor's
 * dedup: longest abstract, each metadata field from whichever sighting has it (a dated year beats a yearless
 * date), max upvotes and comments (they keep rising after posting, so never first-wins), the first non-null arXiv
 * id, the longer author-name list (and then at least its count as {@code authors}). Identity fields stay the first's.
 */
public final class EntryMerger {
    private EntryMerger() {}

    public static Entry merge(Entry first, Entry other) {
        String abs = longer(first.abstractText(), other.abstractText());
        boolean takeDate = first.publishedText() == null
                || (first.published() == null && other.published() != null);
        List<String> names = longerList(first.authorNames(), other.authorNames());
        Integer authors = first.authors() != null ? first.authors() : other.authors();
        if (names != null && (authors == null || authors < names.size())) authors = names.size();
        return new Entry(first.source(), first.id(), first.title(), abs,
                authors,
                first.organization() != null ? first.organization() : other.organization(),
                takeDate && other.publishedText() != null ? other.publishedText() : first.publishedText(),
                takeDate && other.publishedText() != null ? other.published() : first.published(),
                maxOrNull(first.upvotes(), other.upvotes()),
                first.pageDate() != null ? first.pageDate() : other.pageDate(),
                first.arxivId() != null ? first.arxivId() : other.arxivId(),
                names,
                maxOrNull(first.comments(), other.comments()));
    }

    public static String longer(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.length() > a.length() ? b : a;
    }

    /** The list with more elements (the first on a tie), null only when both are. */
    public static <T> List<T> longerList(List<T> a, List<T> b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.size() > a.size() ? b : a;
    }

    public static Integer maxOrNull(Integer a, Integer b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }
}
