package dev.papers.tagging;

import dev.papers.common.TagScore;
import java.util.Arrays;
import java.util.List;

/**
 * Keyphrases as short noun phrases, ranked by a linear score over their statistics in the paper and the corpus.
 *
 * <p>Units: a token, or a group of tokens joined by single hyphens ({@code Video-Holmes}, {@code test-time}). A unit
 * may stand in a noun phrase when the shipped lexicon ({@link KeyphraseModel}, built offline with OpenNLP's English POS
 * model over ~11,000 papers) reads its word as a noun or adjective often enough, or when it is written like a name
 * ({@code GRPO}, {@code Qwen3}); filler words ({@link StopWords}) and quantities ({@code 53k}) never do. A run is a
 * sequence of such units with only whitespace between them (punctuation ends it), and its noun phrase ends at its last
 * unit that can head one (a noun or a name: never a verb, adverb or function word). Candidates are the last
 * 1–{@value #MAX_UNITS} units of that phrase ("model", "reward model", "identity reward model", "latent identity reward
 * model") and each single head unit inside it (a name, a noun).
 *
 * <p>Score: the logit of a logistic regression fitted offline ({@code KeyphraseWeightsFit} in the test sources) on
 * three of the committed Hugging Face days ({@code KeyphraseYardstickTest.TUNING_DAYS}; the other two were held out)
 * to whether a candidate meets one of the paper's {@code ai_keywords} (half weight: exactly). Features: abstract
 * frequency, title presence, shape (one unit, three or more, hyphen group, first word only an adjective, ends where the
 * noun phrase ends), written as a name or capitalised mid-sentence, first position, and corpus rarity: the largest
 * background idf of its words (a phrase is at most as frequent as its rarest word) adds {@value #W_IDF} per nat (fixed
 * before the fit, so rarity always counts). A one-word phrase in more than {@value #MAX_SINGLE_WORD_SHARE} of the
 * corpus papers ("models", "tasks", "performance") is never a keyphrase, nor is a lone word the lexicon reads as a noun
 * less than half the time ("predict"). After C-value's idea, a phrase whose every occurrence sits inside a repeated
 * longer phrase is not taken ("model" when every "model" is in "reward model"), nor one that overlaps a phrase already
 * taken, so the tags do not repeat each other. Names and acronyms keep their spelling; other words are lower case;
 * hyphens are kept.
 * Works on the per-thread arrays of {@link Scratch}: no maps, no per-token allocation.
 */
final class Keyphrases {
    static final int MAX_UNITS = 4;
    /** A title occurrence counts as this many abstract occurrences (nesting discount). */
    static final double TITLE_WEIGHT = 2.0;
    /** Max tokens in one candidate (hyphen groups count each token). */
    static final int MAX_TOKENS = 8;
    /** A single word in more than this share of the background papers is too common to be a keyphrase. */
    static final double MAX_SINGLE_WORD_SHARE = 0.2;
    private static final float MIN_SINGLE_WORD_IDF = KeyphraseModel.DEFAULT.idfOfShare(MAX_SINGLE_WORD_SHARE);

    // the weights KeyphraseWeightsFit printed (see the class comment)
    static final double W_BIAS = -2.26;
    static final double W_LOG_ABSTRACT_HITS = 1.29;
    static final double W_IN_TITLE = 0.44;
    static final double W_IDF = 0.1;
    static final double W_ONE_UNIT = -0.71;
    static final double W_THREE_UNITS_OR_MORE = 0.13;
    static final double W_NAME = -1.25;
    static final double W_ADJECTIVE_FIRST = -0.28;
    static final double W_HYPHEN_GROUP = 0.41;
    static final double W_FIRST_POSITION = -0.15;
    static final double W_CAPITALISED = 0.91;
    static final double W_COMPLETE = -0.21;
    /** {@code W_LOG_ABSTRACT_HITS · ln(1 + n)} for small n: the score runs for every candidate, the log only once. */
    private static final double[] HITS_TERM = new double[64];

    static {
        for (int n = 0; n < HITS_TERM.length; n++) HITS_TERM[n] = W_LOG_ABSTRACT_HITS * Math.log1p(n);
    }


    // shape bits of a phrase
    static final int ADJECTIVE_FIRST = 1, HYPHEN_GROUP = 2, CAPITALISED = 4, COMPLETE = 8, MOSTLY_NOUN = 16;

    private Keyphrases() {}

    /** A word's identity across forms: lower case, ASCII-folded, possessive removed, plural stripped. */
    static String wordKey(String surface) {
        return Words.singular(surface);
    }

    /** Written like a name: an upper-case letter after the first char, or letters and digits ({@code GRPO, VideoCoF, Qwen3}). */
    static boolean nameLike(String raw) {
        if (raw.isEmpty() || !Character.isLetter(raw.charAt(0))) return false; // "53k", "7B", "3D": quantities, not names
        boolean digit = false;
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isUpperCase(c)) return true;
            digit |= Character.isDigit(c);
        }
        return digit;
    }

    /** Written with an upper-case letter after the first char ({@code 3D}, {@code 7B}, {@code GRPO}): shown as written. */
    static boolean mixedCase(String raw) {
        for (int i = 1; i < raw.length(); i++) if (Character.isUpperCase(raw.charAt(i))) return true;
        return false;
    }

    /** Reusable per-thread state. */
    static final class Scratch {
        // distinct phrases: representative occurrence, word ids, counts, score
        int phrases;
        byte[] field = new byte[256];
        int[] first = new int[256];
        int[] last = new int[256];
        int[] len = new int[256];
        int[] words = new int[256 * MAX_TOKENS];
        int[] titleHits = new int[256];
        int[] abstractHits = new int[256];
        float[] idfMax = new float[256];
        /** {@link #ADJECTIVE_FIRST}, {@link #HYPHEN_GROUP}, {@link #CAPITALISED}, {@link #COMPLETE}, {@link #MOSTLY_NOUN}. */
        byte[] shape = new byte[256];
        float[] position = new float[256];
        boolean[] name = new boolean[256];
        int[] units = new int[256];
        long[] ranked = new long[256];
        int[] table = new int[512]; // open addressing: phrase index + 1, 0 = empty
        // units of the current run: first token of each unit, and one past the last token of the run
        int[] unitStart = new int[64];
        int[] unitFlags = new int[64];
        int[] chosen = new int[16];
        /** Phrase index of each span of the current run, by {@code end unit * MAX_UNITS + length - 1}; -1 none. */
        int[] spanId = new int[256];
        // nested occurrences: the phrase, its parents (one unit longer, -1 none) and the field
        int nested;
        int[] nestChild = new int[512];
        int[] nestLeft = new int[512];
        int[] nestRight = new int[512];
        byte[] nestField = new byte[512];
        float[] absorbed = new float[256];

        void addNested(int child, int left, int right, int field) {
            if (nested == nestChild.length) {
                int c = nested * 2;
                nestChild = Arrays.copyOf(nestChild, c);
                nestLeft = Arrays.copyOf(nestLeft, c);
                nestRight = Arrays.copyOf(nestRight, c);
                nestField = Arrays.copyOf(nestField, c);
            }
            nestChild[nested] = child;
            nestLeft[nested] = left;
            nestRight[nested] = right;
            nestField[nested++] = (byte) field;
        }

        void reset() {
            phrases = 0;
            nested = 0;
            Arrays.fill(table, 0);
        }

        void grow() {
            int c = field.length * 2;
            field = Arrays.copyOf(field, c);
            first = Arrays.copyOf(first, c);
            last = Arrays.copyOf(last, c);
            len = Arrays.copyOf(len, c);
            words = Arrays.copyOf(words, c * MAX_TOKENS);
            titleHits = Arrays.copyOf(titleHits, c);
            abstractHits = Arrays.copyOf(abstractHits, c);
            idfMax = Arrays.copyOf(idfMax, c);
            shape = Arrays.copyOf(shape, c);
            position = Arrays.copyOf(position, c);
            name = Arrays.copyOf(name, c);
            units = Arrays.copyOf(units, c);
            ranked = new long[c];
            absorbed = new float[c];
            int[] old = table;
            table = new int[c * 2];
            // re-insert by hash of the stored words
            for (int e : old) if (e != 0) insert(e - 1);
        }

        /** Hash of word ids {@code w[from, from+n)}, folded from the last (so a span extends leftwards cheaply). */
        static int hash(int[] w, int from, int n) {
            int h = 0;
            for (int i = n - 1; i >= 0; i--) h = h * 31 + w[from + i] + 1;
            return mix(h);
        }

        static int mix(int h) {
            return h ^ (h >>> 16);
        }

        void insert(int p) {
            int mask = table.length - 1;
            int slot = hash(words, p * MAX_TOKENS, len[p]) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = p + 1;
        }
    }

    /** Appends up to {@code k} keyphrase tags ({@code kw:<phrase>}) of the analysed title and abstract to {@code out}. */
    static void keyphrases(Analysis an, int k, List<TagScore> out) {
        Scratch s = an.keyphrases;
        s.reset();
        candidates(an, an.title, 0, s);
        candidates(an, an.abstractField, 1, s);
        if (s.phrases == 0) return;
        absorb(s);
        select(an, s, k, out);
    }

    /** Unit flags: {@link KeyphraseModel#HEAD}, {@link KeyphraseModel#MODIFIER}, {@link Analysis#KP_NAME}; 0 = breaks runs. */
    private static int unitFlags(Analysis an, Analysis.Field f, int from, int to) {
        int fi = f.info[from], li = f.info[to - 1];
        int fk = Analysis.keyphraseFlags(fi), lk = Analysis.keyphraseFlags(li);
        if (to - from == 1) {
            if ((fk & Analysis.KP_NAME) != 0) return KeyphraseModel.HEAD | KeyphraseModel.MODIFIER | Analysis.KP_NAME;
            if ((fi & (Analysis.RAKE_STOP | Analysis.LONG_WORD)) != Analysis.LONG_WORD) return 0;
            // a quantity ("53k", "1.82times", "48k SFT") is no part of a keyphrase; a short dimension mark ("3D", "4K") modifies
            if ((fk & Analysis.KP_DIGIT_FIRST) != 0) return an.surface[f.term[from]].length() <= 2 ? KeyphraseModel.MODIFIER : 0;
            return fk & (KeyphraseModel.HEAD | KeyphraseModel.MODIFIER);
        }
        // a hyphen group: filler at either end ("state-of-the-art", "non-trivial") is no unit of a keyphrase
        boolean fillerFirst = (fi & Analysis.RAKE_STOP) != 0 && (fk & (Analysis.KP_NAME | Analysis.KP_NUMBER)) == 0;
        boolean fillerLast = (li & Analysis.RAKE_STOP) != 0 && (lk & (Analysis.KP_NAME | Analysis.KP_NUMBER)) == 0;
        if (fillerFirst || fillerLast) return 0;
        int name = 0;
        for (int t = from; t < to; t++) name |= Analysis.keyphraseFlags(f.info[t]) & Analysis.KP_NAME;
        // "LLM-based", "two-stage" modify; the group heads when its last word does ("Video-Holmes", "GPT-4")
        boolean head = (lk & (KeyphraseModel.HEAD | Analysis.KP_NUMBER)) != 0 || name != 0;
        return KeyphraseModel.MODIFIER | (head ? KeyphraseModel.HEAD : 0) | name;
    }

    private static void candidates(Analysis an, Analysis.Field f, int field, Scratch s) {
        int runUnits = 0;
        int i = 0;
        while (i < f.n) {
            int j = i + 1;
            while (j < f.n && f.hyphenBefore[j]) j++;
            int flags = unitFlags(an, f, i, j);
            boolean joins = runUnits > 0 && f.joinsPrev[i];
            if (runUnits > 0 && (flags == 0 || !joins)) {
                run(an, f, field, s, runUnits, i);
                runUnits = 0;
            }
            if (flags != 0) {
                if (runUnits == s.unitStart.length) {
                    s.unitStart = Arrays.copyOf(s.unitStart, runUnits * 2);
                    s.unitFlags = Arrays.copyOf(s.unitFlags, runUnits * 2);
                }
                s.unitStart[runUnits] = i;
                s.unitFlags[runUnits++] = flags;
            }
            i = j;
        }
        if (runUnits > 0) run(an, f, field, s, runUnits, f.n);
    }

    /**
     * Adds the run's candidates (see the class comment) and notes each candidate's one-unit-longer candidates (its
     * parents) for the nesting rule.
     */
    private static void run(Analysis an, Analysis.Field f, int field, Scratch s, int units, int runEnd) {
        int cells = units * MAX_UNITS;
        if (s.spanId.length < cells) s.spanId = new int[Math.max(cells, s.spanId.length * 2)];
        Arrays.fill(s.spanId, 0, cells, -1);
        // where the run's noun phrase ends: a span ending there is complete ("large language models", not "large language")
        int lastHead = units - 1;
        while (lastHead >= 0 && (s.unitFlags[lastHead] & KeyphraseModel.HEAD) == 0) lastHead--;
        if (lastHead < 0) return;
        for (int e = 0; e < units; e++) {
            if ((s.unitFlags[e] & KeyphraseModel.HEAD) == 0) continue;
            int maxUnits = e == lastHead ? MAX_UNITS : 1; // inside a noun phrase only single units (a name, a head noun)
            int lastTok = (e + 1 < units ? s.unitStart[e + 1] : runEnd) - 1;
            int h = 0; // Scratch.hash of the span's word ids, extended leftwards a unit at a time
            for (int b = e; b >= 0 && e - b < maxUnits; b--) {
                if (b < e && (s.unitFlags[b] & KeyphraseModel.MODIFIER) == 0) break;
                int firstTok = s.unitStart[b];
                if (lastTok - firstTok + 1 > MAX_TOKENS) break;
                int unitEnd = b < e ? s.unitStart[b + 1] : lastTok + 1;
                for (int t = unitEnd - 1; t >= firstTok; t--) h = h * 31 + Analysis.wordId(f.info[t]) + 1;
                s.spanId[e * MAX_UNITS + e - b] = add(an, f, field, s, firstTok, lastTok, e - b + 1,
                        (s.unitFlags[b] | s.unitFlags[e]) & Analysis.KP_NAME, e == lastHead, Scratch.mix(h));
            }
        }
        if (units == 1) return;
        for (int e = 0; e < units; e++) {
            for (int l = 0; l < MAX_UNITS - 1 && l <= e; l++) {
                int child = s.spanId[e * MAX_UNITS + l];
                if (child < 0) continue;
                int left = e - l > 0 ? s.spanId[e * MAX_UNITS + l + 1] : -1;
                int right = e + 1 < units ? s.spanId[(e + 1) * MAX_UNITS + l + 1] : -1;
                if (left >= 0 || right >= 0) s.addNested(child, left, right, field);
            }
        }
    }

    /** Counts one occurrence of the span's phrase ({@code hash}: {@link Scratch#hash} of its word ids); returns its index. */
    private static int add(Analysis an, Analysis.Field f, int field, Scratch s, int firstTok, int lastTok, int units, int name,
            boolean complete, int hash) {
        int n = lastTok - firstTok + 1;
        if (s.phrases == s.field.length || s.phrases * 2 >= s.table.length) s.grow();
        int mask = s.table.length - 1;
        int slot = hash & mask;
        while (true) {
            int e = s.table[slot];
            if (e == 0) break;
            int q = e - 1;
            if (s.len[q] == n && sameWords(s, q, f, firstTok, n)) {
                if (complete) s.shape[q] |= COMPLETE;
                if (field == 0) s.titleHits[q]++;
                else if (s.abstractHits[q]++ == 0 && s.field[q] == 0) describe(an, f, 1, s, q, firstTok, lastTok); // real case
                return q;
            }
            slot = (slot + 1) & mask;
        }
        int p = s.phrases++;
        s.table[slot] = p + 1;
        for (int t = 0; t < n; t++) s.words[p * MAX_TOKENS + t] = Analysis.wordId(f.info[firstTok + t]);
        s.len[p] = n;
        s.units[p] = units;
        s.titleHits[p] = field == 0 ? 1 : 0;
        s.abstractHits[p] = field == 0 ? 0 : 1;
        s.name[p] = name != 0;
        s.shape[p] = 0;
        describe(an, f, field, s, p, firstTok, lastTok);
        if (complete) s.shape[p] |= COMPLETE;
        return p;
    }

    private static boolean sameWords(Scratch s, int q, Analysis.Field f, int firstTok, int n) {
        int base = q * MAX_TOKENS;
        for (int t = 0; t < n; t++) if (s.words[base + t] != Analysis.wordId(f.info[firstTok + t])) return false;
        return true;
    }

    /** Sets the phrase's shown occurrence and what the score reads of it (rarity, shape, position). */
    private static void describe(Analysis an, Analysis.Field f, int field, Scratch s, int p, int firstTok, int lastTok) {
        float idfMax = 0;
        int shape = (Analysis.keyphraseFlags(f.info[firstTok]) & KeyphraseModel.HEAD) == 0 ? ADJECTIVE_FIRST : 0;
        if ((Analysis.keyphraseFlags(f.info[lastTok]) & KeyphraseModel.MOSTLY_NOUN) != 0) shape |= MOSTLY_NOUN;
        for (int t = firstTok; t <= lastTok; t++) {
            int term = f.term[t];
            idfMax = Math.max(idfMax, an.idf[term]);
            if (t > firstTok && f.hyphenBefore[t]) shape |= HYPHEN_GROUP;
            if (field == 1 && (Analysis.keyphraseFlags(f.info[t]) & Analysis.KP_CAPITAL) != 0) shape |= CAPITALISED;
        }
        s.field[p] = (byte) field;
        s.first[p] = firstTok;
        s.last[p] = lastTok;
        s.idfMax[p] = idfMax;
        s.shape[p] = (byte) (shape | (s.shape[p] & COMPLETE));
        s.position[p] = field == 0 ? 0f : (float) firstTok / f.n;
    }

    /**
     * The nesting discount (after C-value, Frantzi et al. 2000): an occurrence inside a longer phrase that is itself
     * repeated belongs to that phrase, so "model" in "reward model ... reward model" counts less for "model".
     */
    private static void absorb(Scratch s) {
        Arrays.fill(s.absorbed, 0, s.phrases, 0f);
        for (int i = 0; i < s.nested; i++) {
            int l = s.nestLeft[i], r = s.nestRight[i];
            int fl = l < 0 ? 0 : s.titleHits[l] + s.abstractHits[l];
            int fr = r < 0 ? 0 : s.titleHits[r] + s.abstractHits[r];
            if (Math.max(fl, fr) >= 2) s.absorbed[s.nestChild[i]] += s.nestField[i] == 0 ? (float) TITLE_WEIGHT : 1f;
        }
    }

    /** The logit of the fitted model for phrase {@code p}. */
    static double score(Scratch s, int p) {
        int hits = s.abstractHits[p];
        int units = s.units[p];
        int fixed = (s.shape[p] & SHAPE_BITS) << 3 | (units == 1 ? 0 : units >= 3 ? 2 : 1) << 1 | (s.name[p] ? 1 : 0);
        return FIXED_TERM[fixed] + (hits < HITS_TERM.length ? HITS_TERM[hits] : W_LOG_ABSTRACT_HITS * Math.log1p(hits))
                + (s.titleHits[p] > 0 ? W_IN_TITLE : 0) + W_IDF * s.idfMax[p] + W_FIRST_POSITION * s.position[p];
    }

    /** The shape bits the score reads. */
    private static final int SHAPE_BITS = ADJECTIVE_FIRST | HYPHEN_GROUP | CAPITALISED | COMPLETE;
    /** Bias plus the weights of shape, length and name, by {@code shape << 3 | length class << 1 | name}: one lookup. */
    private static final double[] FIXED_TERM = new double[(SHAPE_BITS + 1) << 3];

    static {
        for (int i = 0; i < FIXED_TERM.length; i++) {
            int shape = i >> 3, length = (i >> 1) & 3;
            FIXED_TERM[i] = W_BIAS + (length == 0 ? W_ONE_UNIT : length == 2 ? W_THREE_UNITS_OR_MORE : 0)
                    + ((i & 1) != 0 ? W_NAME : 0) + ((shape & ADJECTIVE_FIRST) != 0 ? W_ADJECTIVE_FIRST : 0)
                    + ((shape & HYPHEN_GROUP) != 0 ? W_HYPHEN_GROUP : 0) + ((shape & CAPITALISED) != 0 ? W_CAPITALISED : 0)
                    + ((shape & COMPLETE) != 0 ? W_COMPLETE : 0);
        }
    }

    private static void select(Analysis an, Scratch s, int k, List<TagScore> out) {
        // the best eligible phrases by score (desc), then first seen: an insertion pass keeps the top 2k + 2 (overlaps
        // skip a few), a full ranking only when those run out
        int top = Math.min(2 * k + 2, s.phrases);
        int ranked = rank(s, top);
        if (s.chosen.length < k) s.chosen = new int[k];
        int n = choose(s, ranked, k, 0);
        if (n < k && ranked == top) {
            ranked = rank(s, s.phrases);
            n = choose(s, ranked, k, n);
        }
        for (int c = 0; c < n; c++) {
            int p = s.chosen[c];
            Analysis.Field f = s.field[p] == 0 ? an.title : an.abstractField;
            double score = Math.max(Tagger.round(1 / (1 + Math.exp(-score(s, p)))), 0.0001); // the model's probability
            StringBuilder evidence = new StringBuilder(64).append(s.field[p] == 0 ? "title:\"" : "abstract:\"");
            Tagger.appendQuoted(evidence, f.text, f.start[s.first[p]], f.end[s.last[p]]);
            out.add(new TagScore(surface(an, f, s.first[p], s.last[p], s.field[p] == 1), score,
                    evidence.append('"').toString()));
        }
    }

    /**
     * Whether phrase {@code p} may be taken: a lone word only if a name or mostly a noun, and not common; no phrase
     * whose every occurrence is inside a repeated longer one.
     */
    static boolean eligible(Scratch s, int p) {
        if (s.len[p] == 1 && (s.idfMax[p] < MIN_SINGLE_WORD_IDF || !s.name[p] && (s.shape[p] & MOSTLY_NOUN) == 0)) return false;
        return s.absorbed[p] < TITLE_WEIGHT * s.titleHits[p] + s.abstractHits[p];
    }

    /** Fills {@code s.ranked} with the best {@code top} eligible phrases, best first; returns how many there are. */
    private static int rank(Scratch s, int top) {
        long[] ranked = s.ranked;
        int have = 0;
        for (int p = 0; p < s.phrases; p++) {
            if (!eligible(s, p)) continue;
            int bits = Float.floatToIntBits((float) score(s, p));
            int sortable = bits ^ ((bits >> 31) & 0x7FFF_FFFF); // orders like the float, negatives included
            long key = (-(long) sortable << 32) | p; // ascending key = score desc, then first seen
            if (have == top && key >= ranked[top - 1]) continue;
            int i = have < top ? have++ : top - 1;
            while (i > 0 && ranked[i - 1] > key) {
                ranked[i] = ranked[i - 1];
                i--;
            }
            ranked[i] = key;
        }
        return have;
    }

    /** Takes ranked phrases from the start, skipping those overlapping one taken, until {@code k}; returns the count. */
    private static int choose(Scratch s, int ranked, int k, int n) {
        for (int r = 0; r < ranked && n < k; r++) {
            int p = (int) s.ranked[r];
            boolean overlaps = false; // a phrase already taken overlaps itself, so a second pass skips it
            for (int c = 0; c < n && !overlaps; c++) overlaps = overlap(s, s.chosen[c], p) || overlap(s, p, s.chosen[c]);
            if (!overlaps) s.chosen[n++] = p;
        }
        return n;
    }

    /**
     * Whether phrase {@code b} starts inside phrase {@code a}: {@code b}'s words (or their first part) occur in
     * {@code a} from some word on, to {@code a}'s end or within it ("language models" / "large language",
     * "reward model" / "model").
     */
    private static boolean overlap(Scratch s, int a, int b) {
        int la = s.len[a], lb = s.len[b], ba = a * MAX_TOKENS, bb = b * MAX_TOKENS;
        int[] w = s.words;
        for (int at = 0; at < la; at++) {
            if (w[ba + at] != w[bb]) continue;
            int n = Math.min(lb, la - at), i = 1;
            while (i < n && w[ba + at + i] == w[bb + i]) i++;
            if (i == n) return true;
        }
        return false;
    }

    /**
     * {@code kw:} and the phrase as shown, hyphens kept. A unit (hyphen group) is shown as written when a word of it is
     * written like a name ({@code GRPO}, {@code DreamVideo-Omni}) or when it is capitalised in the abstract away from a
     * sentence start ({@code Video-Holmes}, {@code Classical Test Theory}); otherwise in lower case (the title's
     * capitals are its style, not names).
     */
    private static String surface(Analysis an, Analysis.Field f, int first, int last, boolean inAbstract) {
        StringBuilder b = new StringBuilder(48).append("kw:");
        int i = first;
        while (i <= last) {
            int j = i + 1;
            while (j <= last && f.hyphenBefore[j]) j++;
            int flags = 0;
            for (int t = i; t < j; t++) flags |= an.kp[f.term[t]];
            boolean asWritten = (flags & (Analysis.KP_NAME | Analysis.KP_MIXED)) != 0
                    || (inAbstract && (flags & Analysis.KP_CAPITAL) != 0 && !sentenceStart(f, i));
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

    /** Whether token {@code i} opens a sentence (or follows a colon, quote or bracket): its capital says nothing. */
    private static boolean sentenceStart(Analysis.Field f, int i) {
        int j = f.start[i] - 1;
        while (j >= 0 && Character.isWhitespace(f.chars[j])) j--;
        if (j < 0) return true;
        char c = f.chars[j];
        return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '[';
    }
}
