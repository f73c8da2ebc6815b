package dev.papers.tagging;

import dev.papers.common.TagScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyphrases as noun phrases. A word's part of speech comes from the shipped lexicon ({@link KeyphraseModel}, built
 * with Apache OpenNLP's English model); words joined by hyphens ({@code Video-Holmes}, {@code vision-language-action})
 * are one unit, typed by their last word. A candidate is a run of adjective/noun/name units inside one clause (no
 * punctuation between) that ends in a noun or name, at most {@value #MAX_UNITS} units: so no phrase ends in a verb,
 * adverb or function word, and filler words ({@link StopWords}) break runs. A phrase scores
 * {@code (1 + ln(1 + 2·titleHits + abstractHits)) · Σ idf(word)} with background document frequencies, so a phrase
 * common to every paper ranks low; phrases inside a better one are skipped. Names and acronyms keep their spelling
 * (upper case after the first letter, digits, or capitalised mid-sentence in the abstract); other words are lower-cased.
 */
final class Keyphrases {
    static final int MAX_UNITS = 4;
    private static final double TITLE_WEIGHT = 2.0;

    private Keyphrases() {}

    /** RAKE's word identity, also the key of the background document frequencies: lower case, plural stripped. */
    static String wordKey(String lowerCaseWord) {
        return Rake.singular(lowerCaseWord);
    }

    static boolean nameLike(String raw) {
        boolean letter = false, digit = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) return true;
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }

    /** Reusable per-thread state. */
    static final class Scratch {
        final Map<String, Candidate> byKey = new HashMap<>();
        final List<Candidate> order = new ArrayList<>();
        final StringBuilder key = new StringBuilder(64);
        boolean[] proper = new boolean[4096];
        int[] marked = new int[256];
        int markedCount;
    }

    /** One distinct phrase: where it first occurs (field, first and last token) and how often. */
    static final class Candidate {
        final String key;
        final int field, first, last;
        int titleHits, abstractHits;
        double idf, score;

        Candidate(String key, int field, int first, int last, double idf) {
            this.key = key;
            this.field = field;
            this.first = first;
            this.last = last;
            this.idf = idf;
        }
    }

    /** Appends up to {@code k} keyphrase tags ({@code kw:<phrase>}) of the analysed title and abstract to {@code out}. */
    static void keyphrases(Analysis an, int k, List<TagScore> out) {
        Scratch s = an.keyphrases;
        s.byKey.clear();
        s.order.clear();
        if (s.proper.length < an.terms) s.proper = new boolean[Math.max(an.terms, s.proper.length * 2)];
        markProperNames(an, an.abstractField, s);
        try {
            select(an, s, k, out);
        } finally {
            for (int i = 0; i < s.markedCount; i++) s.proper[s.marked[i]] = false;
            s.markedCount = 0;
        }
    }

    private static void select(Analysis an, Scratch s, int k, List<TagScore> out) {
        candidates(an, an.title, 0, s);
        candidates(an, an.abstractField, 1, s);
        if (s.order.isEmpty()) return;
        for (Candidate c : s.order) {
            c.score = (1 + Math.log(1 + TITLE_WEIGHT * c.titleHits + c.abstractHits)) * c.idf;
        }
        s.order.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : Integer.compare(a.field * 1_000_000 + a.first, b.field * 1_000_000 + b.first));
        List<Candidate> chosen = new ArrayList<>(k);
        for (Candidate c : s.order) {
            if (chosen.size() == k) break;
            boolean overlaps = false;
            for (Candidate d : chosen) overlaps |= containsWords(d.key, c.key) || containsWords(c.key, d.key);
            if (!overlaps) chosen.add(c);
        }
        double max = chosen.get(0).score;
        for (Candidate c : chosen) {
            Analysis.Field f = c.field == 0 ? an.title : an.abstractField;
            double score = Tagger.round(max > 0 ? c.score / max : 1);
            StringBuilder evidence = new StringBuilder(64).append(c.field == 0 ? "title:\"" : "abstract:\"");
            Tagger.appendQuoted(evidence, f.text, f.start[c.first], f.end[c.last]);
            out.add(new TagScore("kw:" + surface(an, f, c.first, c.last, s.proper), score <= 0 ? 0.0001 : score,
                    evidence.append('"').toString()));
        }
    }

    /** Terms written capitalised in the abstract away from a sentence start: names ("Holmes"), kept as written. */
    private static void markProperNames(Analysis an, Analysis.Field f, Scratch s) {
        for (int i = 1; i < f.n; i++) {
            if (!Character.isUpperCase(f.text.charAt(f.start[i]))) continue;
            int j = f.start[i] - 1;
            while (j >= 0 && Character.isWhitespace(f.text.charAt(j))) j--;
            char before = j < 0 ? '.' : f.text.charAt(j);
            if (before != '.' && before != '!' && before != '?' && before != ':' && before != '"' && before != '(' && !s.proper[f.term[i]]) {
                s.proper[f.term[i]] = true;
                if (s.markedCount == s.marked.length) s.marked = java.util.Arrays.copyOf(s.marked, s.markedCount * 2);
                s.marked[s.markedCount++] = f.term[i];
            }
        }
    }

    /** Whether the space-separated words of {@code inner} occur in order and adjacent inside {@code outer}. */
    static boolean containsWords(String outer, String inner) {
        int at = outer.indexOf(inner);
        while (at >= 0) {
            boolean startOk = at == 0 || outer.charAt(at - 1) == ' ';
            int end = at + inner.length();
            if (startOk && (end == outer.length() || outer.charAt(end) == ' ')) return true;
            at = outer.indexOf(inner, at + 1);
        }
        return false;
    }

    private static void candidates(Analysis an, Analysis.Field f, int field, Scratch s) {
        int runUnits = 0;
        int[] unitStart = new int[f.n + 1];
        byte[] unitPos = new byte[f.n + 1];
        int i = 0;
        while (i < f.n) {
            int j = i + 1;
            while (j < f.n && f.hyphenBefore[j]) j++;
            boolean joins = runUnits > 0 && f.joinsPrev[i] && !f.hyphenBefore[i];
            byte pos = unitPos(an, f, i, j);
            // a gerund after a noun or adjective heads a nominal ("reinforcement learning", "instruction tuning"):
            // the UD model reads these as verbs, as UD annotates gerunds
            if (pos == KeyphraseModel.VERB && joins && j - i == 1 && an.surface[f.term[i]].endsWith("ing")) pos = KeyphraseModel.NOUN;
            boolean content = pos == KeyphraseModel.NOUN || pos == KeyphraseModel.PROPN || pos == KeyphraseModel.ADJ;
            if (runUnits > 0 && (!content || !joins)) {
                flush(an, f, field, unitStart, unitPos, runUnits, i, s);
                runUnits = 0;
            }
            if (content) {
                unitPos[runUnits] = pos;
                unitStart[runUnits++] = i;
            }
            i = j;
        }
        if (runUnits > 0) flush(an, f, field, unitStart, unitPos, runUnits, f.n, s);
    }

    /** The part of speech of tokens {@code [from, to)} as one unit, or OTHER when it may not be in a keyphrase. */
    private static byte unitPos(Analysis an, Analysis.Field f, int from, int to) {
        int first = f.term[from], last = f.term[to - 1];
        if (isFiller(an, first) || isFiller(an, last)) return KeyphraseModel.OTHER;
        if (to - from > 1) {
            if (StopWords.isStop(hyphenated(an, f, from, to))) return KeyphraseModel.OTHER; // state-of-the-art
            byte p = an.pos[last];
            if (p == KeyphraseModel.OTHER && !an.nameLike[last]) return KeyphraseModel.OTHER;
            return p == KeyphraseModel.VERB ? KeyphraseModel.ADJ : p == KeyphraseModel.NUM ? KeyphraseModel.PROPN : p; // LLM-based, GPT-4
        }
        if (an.nameLike[first]) return KeyphraseModel.PROPN; // Qwen3, GRPO
        if ((an.meta[first] & Analysis.LONG_WORD) == 0) return KeyphraseModel.OTHER;
        return an.pos[first];
    }

    private static boolean isFiller(Analysis an, int term) {
        return (an.meta[term] & Analysis.RAKE_STOP) != 0 && !an.nameLike[term];
    }

    private static String hyphenated(Analysis an, Analysis.Field f, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int t = from; t < to; t++) b.append(t > from ? "-" : "").append(an.surface[f.term[t]]);
        return b.toString();
    }

    /** Adds the run's phrase: its units {@code unitStart[0, units)}, trimmed to end in a noun, at most MAX_UNITS. */
    private static void flush(Analysis an, Analysis.Field f, int field, int[] unitStart, byte[] unitPos, int units, int runEnd,
            Scratch s) {
        int end = units; // units [0, end); unit u spans tokens [unitStart[u], next start or runEnd)
        while (end > 0 && unitPos[end - 1] != KeyphraseModel.NOUN && unitPos[end - 1] != KeyphraseModel.PROPN) end--;
        if (end == 0) return;
        add(an, f, field, unitStart, units, runEnd, Math.max(0, end - MAX_UNITS), end, s);
    }

    private static void add(Analysis an, Analysis.Field f, int field, int[] unitStart, int units, int runEnd, int begin, int end,
            Scratch s) {
        int firstTok = unitStart[begin];
        int lastTok = (end < units ? unitStart[end] : runEnd) - 1;
        StringBuilder key = s.key;
        key.setLength(0);
        double idf = 0;
        for (int u = begin; u < end; u++) {
            int from = unitStart[u], to = u + 1 < units ? unitStart[u + 1] : runEnd;
            if (u > begin) key.append(' ');
            float best = 0;
            for (int t = from; t < to; t++) {
                key.append(t > from ? "-" : "").append(wordKey(an.surface[f.term[t]]));
                best = Math.max(best, an.idf[f.term[t]]);
            }
            idf += best;
        }
        String k = key.toString();
        Candidate c = s.byKey.get(k);
        if (c == null) {
            c = new Candidate(k, field, firstTok, lastTok, idf);
            s.byKey.put(k, c);
            s.order.add(c);
        }
        if (field == 0) c.titleHits++;
        else c.abstractHits++;
    }

    /** The phrase as shown: names and acronyms as written, other words lower case; hyphens kept. */
    private static String surface(Analysis an, Analysis.Field f, int first, int last, boolean[] proper) {
        StringBuilder b = new StringBuilder(48);
        int i = first;
        while (i <= last) {
            int j = i + 1;
            while (j <= last && f.hyphenBefore[j]) j++;
            boolean asWritten = false;
            for (int t = i; t < j; t++) asWritten |= an.nameLike[f.term[t]] || proper[f.term[t]];
            if (i > first) b.append(' ');
            for (int t = i; t < j; t++) {
                if (t > i) b.append('-');
                if (asWritten) b.append(f.text, f.start[t], f.end[t]);
                else b.append(an.surface[f.term[t]]);
            }
            i = j;
        }
        return b.toString();
    }
}
