package dev.papers.tagging;

import dev.papers.common.TagScore;
import java.util.Arrays;
import java.util.List;

/**
 * RAKE (Rapid Automatic Keyword Extraction, Rose et al. 2010) on the tokens of {@link Analysis} (surface forms:
 * possessive removed, lower-cased, ASCII-folded). Candidate phrases are maximal runs of tokens not interrupted by a
 * stop word ({@link StopWords}), a number or punctuation (a bare hyphen joins); word score is degree/frequency;
 * phrase score is the sum of its word scores, times 1.5 if the phrase occurs in the title. Phrases of 1–4 words with
 * at least one word of three or more chars. Words are compared after plural stripping ({@link #singular}). Ties:
 * score desc, occurrences desc, first occurrence. Works on the per-thread arrays of {@link Scratch}: no maps, no
 * per-token allocation.
 */
final class Rake {
    static final int MAX_WORDS = 4;
    /** Multiplier for phrases that also occur in the title (the one departure from plain RAKE). */
    static final double TITLE_BONUS = 1.5;

    private Rake() {}

    /** Reusable per-thread state. */
    static final class Scratch {
        // candidates: field (0 title, 1 abstract), first token index, length, word ids (MAX_WORDS per candidate)
        int cands;
        byte[] candField = new byte[128];
        int[] candFirst = new int[128];
        int[] candLen = new int[128];
        int[] candWords = new int[128 * MAX_WORDS];
        // distinct phrases: first candidate, count, in title, score
        int phrases;
        int[] phraseCand = new int[128];
        int[] phraseCount = new int[128];
        boolean[] phraseInTitle = new boolean[128];
        double[] phraseScore = new double[128];
        int[] table = new int[256]; // open addressing: phrase index + 1, 0 = empty
        /** The selected phrases, best first (at most the number of keyphrases asked for). */
        int[] order = new int[Tagger.KEYPHRASES];
        // per word id: frequency and degree; touched ids are reset after each paper
        int[] freq = new int[1024];
        int[] degree = new int[1024];
        int[] touched = new int[256];
        int touchedCount;

        void ensureWords(int n) {
            if (freq.length < n) {
                int c = Math.max(n, freq.length * 2);
                freq = Arrays.copyOf(freq, c);
                degree = Arrays.copyOf(degree, c);
            }
        }

        void addCand(int field, int first, int len, Analysis.Field f) {
            if (cands == candFirst.length) {
                int c = cands * 2;
                candField = Arrays.copyOf(candField, c);
                candFirst = Arrays.copyOf(candFirst, c);
                candLen = Arrays.copyOf(candLen, c);
                candWords = Arrays.copyOf(candWords, c * MAX_WORDS);
            }
            candField[cands] = (byte) field;
            candFirst[cands] = first;
            candLen[cands] = len;
            for (int i = 0; i < len; i++) {
                int w = Analysis.wordId(f.info[first + i]);
                candWords[cands * MAX_WORDS + i] = w;
                if (freq[w] == 0) {
                    if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
                    touched[touchedCount++] = w;
                }
                freq[w]++;
                degree[w] += len;
            }
            cands++;
        }

        void clearWords() {
            for (int i = 0; i < touchedCount; i++) {
                freq[touched[i]] = 0;
                degree[touched[i]] = 0;
            }
            touchedCount = 0;
        }
    }

    /** Appends up to {@code k} keyphrase tags ({@code kw:<phrase>}) of the analysed title and abstract to {@code out}. */
    static void keyphrases(Analysis an, int k, List<TagScore> out) {
        Scratch s = an.rake;
        Analysis.Field[] fields = {an.title, an.abstractField};
        s.ensureWords(an.wordCount());
        s.cands = 0;
        try {
            candidates(an, an.title, 0, s);
            candidates(an, an.abstractField, 1, s);
            if (s.cands == 0) return;
            aggregate(s);
            select(an, s, fields, k, out);
        } finally {
            s.clearWords();
        }
    }

    private static void candidates(Analysis an, Analysis.Field f, int field, Scratch s) {
        int runStart = -1;
        for (int i = 0; i < f.n; i++) {
            boolean stop = (f.info[i] & Analysis.RAKE_STOP) != 0;
            if (runStart >= 0 && (stop || !f.joinsPrev[i])) {
                flush(an, f, field, runStart, i, s);
                runStart = -1;
            }
            if (!stop && runStart < 0) runStart = i;
        }
        if (runStart >= 0) flush(an, f, field, runStart, f.n, s);
    }

    private static void flush(Analysis an, Analysis.Field f, int field, int from, int to, Scratch s) {
        int len = to - from;
        if (len > MAX_WORDS) return;
        boolean anyLong = false;
        for (int i = from; i < to; i++) anyLong |= (f.info[i] & Analysis.LONG_WORD) != 0;
        if (anyLong) s.addCand(field, from, len, f);
    }

    private static void aggregate(Scratch s) {
        int cap = s.table.length;
        while (cap < s.cands * 2) cap *= 2;
        if (cap != s.table.length) s.table = new int[cap];
        else Arrays.fill(s.table, 0);
        if (s.phraseCand.length < s.cands) {
            int c = Math.max(s.cands, s.phraseCand.length * 2);
            s.phraseCand = new int[c];
            s.phraseCount = new int[c];
            s.phraseInTitle = new boolean[c];
            s.phraseScore = new double[c];
        }
        s.phrases = 0;
        int mask = cap - 1;
        for (int c = 0; c < s.cands; c++) {
            int h = s.candLen[c];
            for (int i = 0; i < s.candLen[c]; i++) h = h * 31 + s.candWords[c * MAX_WORDS + i];
            h ^= h >>> 16;
            int slot = h & mask;
            while (true) {
                int e = s.table[slot];
                if (e == 0) {
                    int p = s.phrases++;
                    s.table[slot] = p + 1;
                    s.phraseCand[p] = c;
                    s.phraseCount[p] = 1;
                    s.phraseInTitle[p] = s.candField[c] == 0;
                    break;
                }
                int p = e - 1;
                if (sameWords(s, s.phraseCand[p], c)) {
                    s.phraseCount[p]++;
                    s.phraseInTitle[p] |= s.candField[c] == 0;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        for (int p = 0; p < s.phrases; p++) {
            int c = s.phraseCand[p];
            double score = 0;
            for (int i = 0; i < s.candLen[c]; i++) {
                int w = s.candWords[c * MAX_WORDS + i];
                score += (double) s.degree[w] / s.freq[w];
            }
            s.phraseScore[p] = s.phraseInTitle[p] ? score * TITLE_BONUS : score;
        }
    }

    private static boolean sameWords(Scratch s, int a, int b) {
        int len = s.candLen[a];
        if (len != s.candLen[b]) return false;
        for (int i = 0; i < len; i++) {
            if (s.candWords[a * MAX_WORDS + i] != s.candWords[b * MAX_WORDS + i]) return false;
        }
        return true;
    }

    /** Whether phrase {@code a} ranks before {@code b}: score desc, count desc, first occurrence (unique per phrase). */
    private static boolean before(Scratch s, int a, int b) {
        if (s.phraseScore[a] != s.phraseScore[b]) return s.phraseScore[a] > s.phraseScore[b];
        if (s.phraseCount[a] != s.phraseCount[b]) return s.phraseCount[a] > s.phraseCount[b];
        return s.phraseCand[a] < s.phraseCand[b];
    }

    private static void select(Analysis an, Scratch s, Analysis.Field[] fields, int k, List<TagScore> out) {
        int n = Math.min(k, s.phrases);
        if (n <= 0) return;
        if (s.order.length < n) s.order = new int[n];
        // the best n phrases in rank order, by one insertion pass (before() is a total order, so the result is unique)
        int[] order = s.order;
        int have = 0;
        for (int p = 0; p < s.phrases; p++) {
            if (have == n && !before(s, p, order[n - 1])) continue;
            int i = have < n ? have++ : n - 1;
            while (i > 0 && before(s, p, order[i - 1])) {
                order[i] = order[i - 1];
                i--;
            }
            order[i] = p;
        }
        double max = s.phraseScore[order[0]];
        for (int r = 0; r < n; r++) {
            int p = order[r];
            int c = s.phraseCand[p];
            Analysis.Field f = fields[s.candField[c]];
            int first = s.candFirst[c];
            int last = first + s.candLen[c] - 1;
            // sized for typical phrases, so neither builder regrows
            StringBuilder surface = new StringBuilder(48).append("kw:");
            for (int i = first; i <= last; i++) {
                if (i > first) {
                    boolean hyphen = f.start[i] == f.end[i - 1] + 1 && f.text.charAt(f.end[i - 1]) == '-';
                    surface.append(hyphen ? '-' : ' ');
                }
                surface.append(an.surface[f.term[i]]);
            }
            double score = Tagger.round(max > 0 ? s.phraseScore[p] / max : 1);
            if (score <= 0) score = 0.0001;
            StringBuilder evidence = new StringBuilder(64).append(s.candField[c] == 0 ? "title:\"" : "abstract:\"");
            Tagger.appendQuoted(evidence, f.text, f.start[first], f.end[last]);
            out.add(new TagScore(surface.toString(), score, evidence.append('"').toString()));
        }
    }

    static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return true;
        return false;
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
