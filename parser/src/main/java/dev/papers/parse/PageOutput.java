package dev.papers.parse;

import dev.papers.common.Entry;
import dev.papers.common.Reject;
import dev.papers.parse.ListingParser.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the readers of one page put what they find: entries, problems, the page's rejection. Not state: the entries
 * and problems are handed out after every chunk; the count and the rejection are kept in {@link ListingParser.State}.
 */
final class PageOutput {
    final String source;
    private final List<Entry> out = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private long entries;
    private boolean rejected;

    PageOutput(String source, long entries, boolean rejected) {
        this.source = source;
        this.entries = entries;
        this.rejected = rejected;
    }

    void entry(Entry e) {
        out.add(e);
        entries++;
    }

    void problem(long line, String reason, String sample) {
        problems.add(new Problem(line, reason, sample));
    }

    void problems(List<Problem> more) {
        problems.addAll(more);
    }

    void reject() {
        rejected = true;
    }

    boolean rejected() {
        return rejected;
    }

    long entries() {
        return entries;
    }

    boolean noProblems() {
        return problems.isEmpty();
    }

    /** Cuts a text kept in the state to {@code max} characters (see {@link ListingText#cutAtWord}) and reports it. */
    String capped(String s, int max, String what, long line) {
        if (s == null || s.length() <= max) return s;
        problem(line, what + " longer than " + max + " characters, cut", Reject.sample(s));
        return ListingText.cutAtWord(s, max);
    }

    /** A count as the page prints it; one beyond int range is reported and left unknown, the entry is kept. */
    Integer count(String digits, String what, long line) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            problem(line, what + " out of range: " + Reject.sample(digits), null);
            return null;
        }
    }

    List<Entry> drainEntries() {
        if (out.isEmpty()) return List.of();
        List<Entry> e = List.copyOf(out);
        out.clear();
        return e;
    }

    List<Problem> drainProblems() {
        List<Problem> p = List.copyOf(problems);
        problems.clear();
        return p;
    }
}
