package dev.papers.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper ids (normalised titles) currently carrying one arXiv id: value of the sink's arXiv index. Dedup is by
 * title, so two ids here mean the same arXiv paper was listed under two titles (a renamed paper, or a scraper error),
 * which {@code /stats} reports. Ids are kept sorted so equal sets serialise equally.
 */
public record ArxivTitles(List<String> ids) {
    public ArxivTitles {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public static ArxivTitles none() {
        return new ArxivTitles(List.of());
    }

    public ArxivTitles with(String id) {
        if (ids.contains(id)) return this;
        List<String> l = new ArrayList<>(ids);
        l.add(id);
        l.sort(null);
        return new ArxivTitles(l);
    }

    public ArxivTitles without(String id) {
        if (!ids.contains(id)) return this;
        List<String> l = new ArrayList<>(ids);
        l.remove(id);
        return new ArxivTitles(l);
    }

    /** Seen on two or more titles. */
    public boolean conflicting() {
        return ids.size() >= 2;
    }
}
