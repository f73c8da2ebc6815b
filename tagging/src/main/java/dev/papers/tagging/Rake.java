package dev.papers.tagging;

import dev.papers.common.TagScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RAKE (Rapid Automatic Keyword Extraction, Rose et al. 2010) on Lucene tokens. Candidate phrases are maximal runs
 * of tokens not interrupted by a stop word or punctuation (a bare hyphen joins); word score is degree/frequency;
 * phrase score is the sum of its word scores, times 1.5 if the phrase occurs in the title.
 * Numbers split candidates too. Phrases of 1–4 words, not made only of numbers. Words are compared
 * after lower-casing, ASCII folding and plural stripping. Ties: score desc, occurrences desc, first occurrence, text.
 */
final class Rake {
    static final int MAX_WORDS = 4;
    /** Multiplier for phrases that also occur in the title (the one departure from plain RAKE). */
    static final double TITLE_BONUS = 1.5;

    private Rake() {}

    private record Cand(String key, String surface, String field, String original, int order, List<String> words) {}

    private static final class Agg {
        final Cand first;
        int count;
        boolean inTitle;

        Agg(Cand first) {
            this.first = first;
        }
    }

    static List<TagScore> keyphrases(String title, String abstractText, int k) {
        List<Cand> cands = new ArrayList<>();
        candidates(title, "title", cands);
        candidates(abstractText, "abstract", cands);
        Map<String, Integer> freq = new HashMap<>();
        Map<String, Integer> degree = new HashMap<>();
        for (Cand c : cands) {
            for (String w : c.words()) {
                freq.merge(w, 1, Integer::sum);
                degree.merge(w, c.words().size(), Integer::sum);
            }
        }
        Map<String, Agg> phrases = new LinkedHashMap<>();
        for (Cand c : cands) {
            Agg agg = phrases.computeIfAbsent(c.key(), x -> new Agg(c));
            agg.count++;
            agg.inTitle |= c.field().equals("title");
        }
        record Scored(Agg agg, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (Agg agg : phrases.values()) {
            double s = 0;
            for (String w : agg.first.words()) s += (double) degree.get(w) / freq.get(w);
            if (agg.inTitle) s *= TITLE_BONUS;
            scored.add(new Scored(agg, s));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score())
                .thenComparingInt(s -> -s.agg().count)
                .thenComparingInt(s -> s.agg().first.order())
                .thenComparing(s -> s.agg().first.surface()));
        List<TagScore> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        double max = scored.isEmpty() ? 1 : scored.get(0).score();
        for (Scored s : scored) {
            if (out.size() >= k) break;
            Cand c = s.agg().first;
            if (!names.add(c.surface())) continue;
            double score = Tagger.round(s.score() / max);
            if (score <= 0) score = 0.0001;
            out.add(new TagScore("kw:" + c.surface(), score, c.field() + ":\"" + c.original().replace('"', '\'') + "\""));
        }
        return out;
    }

    private static void candidates(String text, String field, List<Cand> out) {
        if (text == null || text.isEmpty()) return;
        List<Analysis.Tok> toks = Analysis.tokens(Analysis.SURFACE, text);
        List<Analysis.Tok> run = new ArrayList<>();
        Analysis.Tok prev = null;
        for (Analysis.Tok t : toks) {
            boolean stop = StopWords.isStop(t.term()) || !hasLetterOrDigit(t.term()) || isNumber(t.term());
            boolean broken = prev != null && !joins(text.substring(prev.end(), t.start()));
            if (broken || stop) {
                flush(text, field, run, out);
            }
            if (!stop) run.add(t);
            prev = t;
        }
        flush(text, field, run, out);
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return true;
        return false;
    }

    /** Whether the text between two tokens keeps them in one candidate: only whitespace, or one bare hyphen. */
    private static boolean joins(String gap) {
        if (gap.equals("-")) return true;
        for (int i = 0; i < gap.length(); i++) if (!Character.isWhitespace(gap.charAt(i))) return false;
        return true;
    }

    private static void flush(String text, String field, List<Analysis.Tok> run, List<Cand> out) {
        if (run.isEmpty()) return;
        try {
            if (run.size() > MAX_WORDS) return;
            boolean allNumeric = true;
            boolean anyLong = false;
            for (Analysis.Tok t : run) {
                if (!isNumber(t.term())) allNumeric = false;
                if (t.term().length() >= 3) anyLong = true;
            }
            if (allNumeric || !anyLong) return;
            StringBuilder surface = new StringBuilder();
            StringBuilder key = new StringBuilder();
            List<String> words = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                Analysis.Tok t = run.get(i);
                if (i > 0) {
                    String gap = text.substring(run.get(i - 1).end(), t.start());
                    surface.append(gap.equals("-") ? "-" : " ");
                    key.append(' ');
                }
                surface.append(t.term());
                String w = singular(t.term());
                key.append(w);
                words.add(w);
            }
            String original = text.substring(run.get(0).start(), run.get(run.size() - 1).end());
            out.add(new Cand(key.toString(), surface.toString(), field, original, out.size(), List.copyOf(words)));
        } finally {
            run.clear();
        }
    }

    static boolean isNumber(String s) {
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (c != '.' && c != ',' && c != '%' && c != '+' && c != '-') return false;
        }
        return digit;
    }

    /** Plural stripping after Lucene's EnglishMinimalStemmer (Harman's S-stemmer). */
    static String singular(String s) {
        int len = s.length();
        if (len < 3 || s.charAt(len - 1) != 's') return s;
        switch (s.charAt(len - 2)) {
            case 'u':
            case 's':
                return s;
            case 'e':
                if (len > 3 && s.charAt(len - 3) == 'i' && s.charAt(len - 4) != 'a' && s.charAt(len - 4) != 'e') {
                    return s.substring(0, len - 3) + "y";
                }
                char c = s.charAt(len - 3);
                if (c == 'i' || c == 'a' || c == 'o' || c == 'e') return s;
                return s.substring(0, len - 1);
            default:
                return s.substring(0, len - 1);
        }
    }
}
