package dev.papers.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One sighting of a paper: when it was seen (epoch millis, the record timestamp of the chunk that completed its page),
 * the upvotes that page showed (null when it showed none) and the page's source. A {@link Paper} keeps the newest
 * {@link #MAX_HISTORY} of them, which is what {@code sort=rising} and the page's sparkline read.
 */
public record Sighting(long at, @JsonInclude(JsonInclude.Include.NON_NULL) Integer upvotes, String source) {
    /** Bound on a paper's history: a paper stays small however often it is captured (~2.5 KB at most). */
    public static final int MAX_HISTORY = 32;

    /**
     * The history with {@code s} added, in time order, newest {@link #MAX_HISTORY} kept. A sighting that tells
     * nothing new is not added: the same source already seen with the same upvotes (an identical page sent again).
     */
    public static List<Sighting> add(List<Sighting> history, Sighting s) {
        Sighting lastOfSource = null;
        for (Sighting h : history) {
            if (h.source().equals(s.source()) && (lastOfSource == null || h.at() >= lastOfSource.at())) lastOfSource = h;
        }
        if (lastOfSource != null && Objects.equals(lastOfSource.upvotes(), s.upvotes())) return history;
        List<Sighting> out = new ArrayList<>(history.size() + 1);
        out.addAll(history);
        out.add(s);
        out.sort(Comparator.comparingLong(Sighting::at)); // stable: equal times keep arrival order
        return out.size() <= MAX_HISTORY ? out : out.subList(out.size() - MAX_HISTORY, out.size());
    }
}
