package dev.papers.tagging;

import dev.papers.common.text.TextAnalysis;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tagger's Lucene analysis, run <b>once</b> per field with reused per-thread state.
 *
 * <p>The text is cut by Lucene's {@link StandardTokenizer} (the tokenizer of the shared chain in
 * {@link TextAnalysis}). Every later step of that chain — possessive, lower case, ASCII folding, English stop words,
 * KStem — works on one token at a time, so the analysed form of a token depends only on its raw characters. Each
 * distinct raw token is therefore analysed once with the real chain ({@link TextAnalysis#surface} and
 * {@link TextAnalysis#stem} over a {@link KeywordTokenizer}) and the result is memoised (an open-addressing table
 * over the raw chars, looked up without allocation; bounded by {@link #MAX_TERMS}). The stems are thus exactly those of {@link TextAnalysis#terms}
 * (asserted over all seed papers in {@code AnalysisTest}).
 *
 * <p>One pass yields everything the tagger needs: the surface tokens (for RAKE), the stemmed non-stop tokens with
 * positions (stop words leave gaps, as Lucene's StopFilter does), and a second "joined" sequence where words linked
 * by a single hyphen ({@code pre-training}) become one word ({@code pretraining}); the joined sequence is only built
 * when the field has such a hyphen.
 *
 * <p>Not thread-safe: the tagger keeps one instance per thread (ThreadLocal), built with its taxonomy vocabulary so
 * each memoised term also carries its taxonomy term id.
 */
final class Analysis {
    /** Memo bound: when this many distinct raw tokens were seen, the memo (and word ids) start afresh. */
    static final int MAX_TERMS = 60_000;
    /** Text beyond this many chars of a field is not analysed (match keys pack offsets into 22 bits). */
    static final int MAX_FIELD_CHARS = (1 << 22) - 1;

    /** Taxonomy vocabulary (stem → term id) of the owning tagger, or empty. */
    private final Map<String, Integer> vocabulary;

    /** @param vocabulary stem → taxonomy term id, recorded per term and per unit ({@link Units#id}) */
    Analysis(Map<String, Integer> vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** One analysed field, in reusable arrays. */
    static final class Field {
        String text = "";
        /** All tokens (stop words included), in order. */
        int n;
        /** Term index (see {@link Analysis#surface} etc.) of each token. */
        int[] term = new int[256];
        /** Copy of the term's {@code flags | wordId << 3}, so RAKE reads the field's arrays in order. */
        int[] info = new int[256];
        int[] start = new int[256];
        int[] end = new int[256];
        /** Lucene position (1 per token, more after a skipped over-long token). */
        int[] pos = new int[256];
        /** The token follows the previous one after one hyphen and nothing else ({@code a-b}). */
        boolean[] hyphenBefore = new boolean[256];
        /** The gap before the token is only whitespace or one hyphen (RAKE keeps the candidate going). */
        boolean[] joinsPrev = new boolean[256];
        boolean anyHyphenLink;

        /** Stemmed non-stop units of one sequence (split or joined): term, position, offsets. */
        final Units split = new Units();
        final Units joined = new Units();

        void add(int t, int inf, int s, int e, int p, boolean hyphen, boolean joins) {
            if (n == term.length) {
                int c = n * 2;
                term = Arrays.copyOf(term, c);
                info = Arrays.copyOf(info, c);
                start = Arrays.copyOf(start, c);
                end = Arrays.copyOf(end, c);
                pos = Arrays.copyOf(pos, c);
                hyphenBefore = Arrays.copyOf(hyphenBefore, c);
                joinsPrev = Arrays.copyOf(joinsPrev, c);
            }
            term[n] = t;
            info[n] = inf;
            start[n] = s;
            end[n] = e;
            pos[n] = p;
            hyphenBefore[n] = hyphen;
            joinsPrev[n] = joins;
            n++;
        }
    }

    static final class Units {
        int n;
        int[] term = new int[256];
        /** Taxonomy term id of the unit's stem, -1 if none. */
        int[] id = new int[256];
        int[] pos = new int[256];
        int[] start = new int[256];
        int[] end = new int[256];
        /** Number of joined (hyphen group) units before index i; {@code groupsBefore[n]} is the total. */
        int[] groupsBefore = new int[257];

        void add(int t, int taxId, int p, int s, int e, boolean group) {
            if (n == term.length) {
                int c = n * 2;
                term = Arrays.copyOf(term, c);
                id = Arrays.copyOf(id, c);
                pos = Arrays.copyOf(pos, c);
                start = Arrays.copyOf(start, c);
                end = Arrays.copyOf(end, c);
                groupsBefore = Arrays.copyOf(groupsBefore, c + 1);
            }
            term[n] = t;
            id[n] = taxId;
            pos[n] = p;
            start[n] = s;
            end[n] = e;
            groupsBefore[n + 1] = groupsBefore[n] + (group ? 1 : 0);
            n++;
        }

        /** Whether units {@code [from, to)} include a joined hyphen group. */
        boolean hasGroup(int from, int to) {
            return groupsBefore[to] - groupsBefore[from] > 0;
        }
    }

    private final StandardTokenizer tokenizer = new StandardTokenizer();
    private final CharTermAttribute rawAtt = tokenizer.addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offAtt = tokenizer.addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute incAtt = tokenizer.addAttribute(PositionIncrementAttribute.class);

    // the shared chain on a single token, for memo misses
    private final KeywordTokenizer surfaceSource = new KeywordTokenizer();
    private final TokenStream surfaceChain = TextAnalysis.surface(surfaceSource);
    private final CharTermAttribute surfaceAtt = surfaceChain.addAttribute(CharTermAttribute.class);
    private final KeywordTokenizer stemSource = new KeywordTokenizer();
    private final TokenStream stemChain = TextAnalysis.stem(TextAnalysis.surface(stemSource));
    private final CharTermAttribute stemAtt = stemChain.addAttribute(CharTermAttribute.class);

    // The term table: one entry per distinct raw token, in dense arrays (the hot loops read ints, not objects).
    static final int STOP = 1;
    static final int RAKE_STOP = 2;
    static final int LONG_WORD = 4;
    int terms;
    /** Possessive removed, lower-cased, ASCII-folded (no stemming). */
    String[] surface = new String[4096];
    /** KStem of the surface, or null for an English stop word (removed by the shared chain). */
    String[] stem = new String[4096];
    /**
     * Per term, in one long so the hot loop reads one array: low half {@code flags | wordId << 3} with flags
     * {@link #STOP} (no stem), {@link #RAKE_STOP} (breaks RAKE candidates: RAKE stop word, number, no letter/digit),
     * {@link #LONG_WORD} (surface of three or more chars) and wordId the id of {@code Rake.singular(surface)} (RAKE's
     * word identity); high half the taxonomy term id of the stem (-1: none).
     */
    long[] meta = new long[4096];
    private final Map<String, Integer> wordIds = new HashMap<>();

    // memo: open addressing; slot = hash << 32 | term index + 1; keys in one char pool
    private long[] table = new long[8192];
    private char[] pool = new char[32768];
    private int poolSize;
    private int[] keyStart = new int[4096];
    private int[] keyLen = new int[4096];
    private char[] joinBuf = new char[64];

    /** Per-thread scratch of the tagger and RAKE, kept here so one ThreadLocal lookup serves a whole paper. */
    final Field title = new Field();
    final Field abstractField = new Field();
    final Rake.Scratch rake = new Rake.Scratch();
    long[] matches = new long[64];

    /** Called before each paper: bounds the memo between papers, so ids stay consistent within one paper. */
    void beginPaper() {
        if (terms >= MAX_TERMS) resetMemo();
    }

    boolean isStop(int term) {
        return (meta[term] & STOP) != 0;
    }

    /** Number of distinct RAKE word ids handed out (ids are below this). */
    int wordCount() {
        return wordIds.size();
    }

    /** Tokenizes and analyses {@code text} into {@code f} (reusing its arrays). */
    void analyse(String text, Field f) {
        if (text == null) text = "";
        if (text.length() > MAX_FIELD_CHARS) text = text.substring(0, MAX_FIELD_CHARS);
        f.text = text;
        f.n = 0;
        f.anyHyphenLink = false;
        f.split.n = 0;
        f.joined.n = 0;
        if (text.isEmpty()) return;
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            int pos = -1;
            int prevEnd = -1;
            while (tokenizer.incrementToken()) {
                pos += incAtt.getPositionIncrement();
                int s = offAtt.startOffset();
                int e = offAtt.endOffset();
                int t = lookup(rawAtt.buffer(), rawAtt.length());
                boolean hyphen = false;
                boolean joins = true;
                if (prevEnd >= 0) {
                    hyphen = s == prevEnd + 1 && isHyphen(text.charAt(prevEnd));
                    joins = gapJoins(text, prevEnd, s);
                }
                f.anyHyphenLink |= hyphen;
                long m = meta[t];
                f.add(t, (int) m, s, e, pos, hyphen, joins);
                if ((m & STOP) == 0) f.split.add(t, (int) (m >> 32), pos, s, e, false);
                prevEnd = e;
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        } finally {
            try {
                tokenizer.close();
            } catch (IOException ignored) {
                // a StringReader does not fail to close
            }
        }
        if (f.anyHyphenLink) buildJoined(f);
    }

    /** The joined sequence: each maximal hyphen-linked group of tokens is one unit; every unit advances one position. */
    private void buildJoined(Field f) {
        int i = 0;
        int pos = -1;
        while (i < f.n) {
            int j = i + 1;
            while (j < f.n && f.hyphenBefore[j]) j++;
            pos += i == 0 ? f.pos[0] + 1 : f.pos[i] - f.pos[i - 1];
            int t;
            if (j == i + 1) {
                t = f.term[i];
            } else {
                int len = 0;
                for (int k = i; k < j; k++) len += f.end[k] - f.start[k];
                if (joinBuf.length < len) joinBuf = new char[Math.max(len, joinBuf.length * 2)];
                int o = 0;
                for (int k = i; k < j; k++) {
                    f.text.getChars(f.start[k], f.end[k], joinBuf, o);
                    o += f.end[k] - f.start[k];
                }
                t = lookup(joinBuf, len);
            }
            long m = meta[t];
            if ((m & STOP) == 0) f.joined.add(t, (int) (m >> 32), pos, f.start[i], f.end[j - 1], j > i + 1);
            i = j;
        }
    }

    static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    /** RAKE: the text between two tokens keeps them in one candidate if it is only whitespace or one bare hyphen. */
    private static boolean gapJoins(String text, int from, int to) {
        if (to - from == 1 && text.charAt(from) == '-') return true;
        for (int i = from; i < to; i++) if (!Character.isWhitespace(text.charAt(i))) return false;
        return true;
    }

    /** The term index of a raw token, analysing it on first sight. */
    private int lookup(char[] buf, int len) {
        int h = len;
        for (int i = 0; i < len; i++) h = 31 * h + buf[i];
        h ^= h >>> 15;
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            long e = table[slot];
            if (e == 0) break;
            if ((int) (e >>> 32) == h) {
                int idx = (int) e - 1;
                if (keyLen[idx] == len && sameChars(keyStart[idx], buf, len)) return idx;
            }
            slot = (slot + 1) & mask;
        }
        int idx = addTerm(new String(buf, 0, len));
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        System.arraycopy(buf, 0, pool, poolSize, len);
        keyStart[idx] = poolSize;
        keyLen[idx] = len;
        poolSize += len;
        table[slot] = ((long) h << 32) | (idx + 1L);
        if (terms * 2 > table.length) growTable();
        return idx;
    }

    private boolean sameChars(int from, char[] buf, int len) {
        for (int i = 0; i < len; i++) if (pool[from + i] != buf[i]) return false;
        return true;
    }

    private void growTable() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long e : old) {
            if (e == 0) continue;
            int slot = (int) (e >>> 32) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = e;
        }
    }

    private void resetMemo() {
        table = new long[8192];
        poolSize = 0;
        terms = 0;
        wordIds.clear();
    }

    private int addTerm(String raw) {
        if (terms == surface.length) {
            int c = terms * 2;
            surface = Arrays.copyOf(surface, c);
            stem = Arrays.copyOf(stem, c);
            meta = Arrays.copyOf(meta, c);
            keyStart = Arrays.copyOf(keyStart, c);
            keyLen = Arrays.copyOf(keyLen, c);
        }
        String sf = run(surfaceSource, surfaceChain, surfaceAtt, raw);
        String st = sf == null || sf.isEmpty() ? null : run(stemSource, stemChain, stemAtt, raw);
        if (sf == null) sf = "";
        String word = Rake.singular(sf);
        Integer id = wordIds.get(word);
        if (id == null) {
            id = wordIds.size();
            wordIds.put(word, id);
        }
        int idx = terms++;
        surface[idx] = sf;
        stem[idx] = st;
        boolean rakeStop = StopWords.isStop(sf) || !Rake.hasLetterOrDigit(sf) || Rake.isNumber(sf);
        int flags = (st == null ? STOP : 0) | (rakeStop ? RAKE_STOP : 0) | (sf.length() >= 3 ? LONG_WORD : 0);
        Integer taxId = st == null ? null : vocabulary.get(st);
        meta[idx] = ((long) (taxId == null ? -1 : taxId) << 32) | ((flags | (long) id << 3) & 0xFFFF_FFFFL);
        return idx;
    }

    private static String run(KeywordTokenizer source, TokenStream chain, CharTermAttribute att, String raw) {
        try {
            source.setReader(new StringReader(raw));
            chain.reset();
            String out = chain.incrementToken() ? att.toString() : null;
            chain.end();
            chain.close();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        }
    }
}
