package dev.papers.tagging;

import dev.papers.tagging.text.TextAnalysis;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizerImpl;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The tagger's Lucene analysis, run <b>once</b> per field with reused per-thread state.
 *
 * <p>The text is cut by Lucene's {@link StandardTokenizer} (the tokenizer of the shared chain in
 * {@link TextAnalysis}; its scanner is driven directly, see {@link #scanner}, and on ASCII text its boundaries are
 * found by {@link AsciiWords}). Every later step of that chain —
 * possessive, lower case, ASCII folding, English stop words, KStem — works on one token at a time, so the analysed
 * form of a token depends only on its raw characters. Each distinct raw token is therefore analysed once with the
 * real chain ({@link TextAnalysis#surface} and {@link TextAnalysis#stem} over a {@link KeywordTokenizer}) and the result is memoised (an open-addressing table
 * over the raw chars, looked up without allocation; bounded by {@link #MAX_TERMS}). The stems are thus exactly those of {@link TextAnalysis#terms}
 * (asserted over all seed papers in {@code AnalysisTest}).
 *
 * <p>One pass yields everything the tagger needs: the surface tokens (for keyphrases), the stemmed non-stop tokens with
 * positions (stop words leave gaps, as Lucene's StopFilter does), and a second "joined" sequence where words linked
 * by a single hyphen ({@code pre-training}) become one word ({@code pretraining}); the joined sequence is only built
 * when the field has such a hyphen, mostly by copying the split one.
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
        /** The chars of {@link #text} (a reused buffer, may be longer). */
        char[] chars = new char[1024];
        /** All tokens (stop words included), in order. */
        int n;
        /** Term index (see {@link Analysis#surface} etc.) of each token. */
        int[] term = new int[256];
        /** Copy of the term's {@code flags | wordId << 3}, so keyphrases read the field's arrays in order. */
        int[] info = new int[256];
        int[] start = new int[256];
        int[] end = new int[256];
        /** Lucene position (1 per token, more after a skipped over-long token). */
        int[] pos = new int[256];
        /** The token follows the previous one after one hyphen and nothing else ({@code a-b}). */
        boolean[] hyphenBefore = new boolean[256];
        /** The gap before the token is only whitespace or one hyphen (a keyphrase run goes on). */
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
            if (n == term.length) grow(n + 1);
            term[n] = t;
            id[n] = taxId;
            pos[n] = p;
            start[n] = s;
            end[n] = e;
            groupsBefore[n + 1] = groupsBefore[n] + (group ? 1 : 0);
            n++;
        }

        /** Room for at least {@code needed} units (doubling). */
        private void grow(int needed) {
            int c = Math.max(needed, term.length * 2);
            term = Arrays.copyOf(term, c);
            id = Arrays.copyOf(id, c);
            pos = Arrays.copyOf(pos, c);
            start = Arrays.copyOf(start, c);
            end = Arrays.copyOf(end, c);
            groupsBefore = Arrays.copyOf(groupsBefore, c + 1);
        }

        /** Appends units {@code [from, to)} of {@code src} (no groups), their positions lowered by {@code shift}. */
        void copyRun(Units src, int from, int to, int shift) {
            int len = to - from;
            if (len <= 0) return;
            if (n + len > term.length) grow(n + len);
            System.arraycopy(src.term, from, term, n, len);
            System.arraycopy(src.id, from, id, n, len);
            System.arraycopy(src.start, from, start, n, len);
            System.arraycopy(src.end, from, end, n, len);
            int groups = groupsBefore[n];
            for (int k = 0; k < len; k++) {
                pos[n + k] = src.pos[from + k] - shift;
                groupsBefore[n + k + 1] = groups;
            }
            n += len;
        }

        /** Whether units {@code [from, to)} include a joined hyphen group. */
        boolean hasGroup(int from, int to) {
            return groupsBefore[to] - groupsBefore[from] > 0;
        }
    }

    /**
     * The scanner of {@link StandardTokenizer}, driven directly: {@code StandardTokenizer.incrementToken} is this
     * scanner plus attribute bookkeeping (clear all attributes, copy the term, set offsets and type) that the tagger
     * does not need, as it reads each token's chars straight from the field's char array by offset. Tokens, offsets
     * and positions are those of {@link StandardTokenizer} with its default maximum token length
     * ({@link #MAX_TOKEN_LENGTH}: longer tokens are skipped and leave a position gap); {@code AnalysisTest} checks
     * this against the shared chain. Only text that {@link AsciiWords} cannot cut (non-ASCII, very long tokens) comes
     * here.
     */
    private final StandardTokenizerImpl scanner = new StandardTokenizerImpl(null);
    private final CharsReader reader = new CharsReader();
    private final AsciiWords asciiWords = new AsciiWords();
    static final int MAX_TOKEN_LENGTH = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

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
     * {@link #LONG_WORD} (surface of three or more chars), wordId (17 bits) the id of {@code Keyphrases.wordKey(surface)}
     * (the keyphrases' word identity) and the keyphrase flags ({@link #kp}) from bit {@link #KP_SHIFT}; high half the
     * taxonomy term id of the stem (-1: none).
     */
    long[] meta = new long[4096];
    /** Keyphrase flags of the term: {@link KeyphraseModel#HEAD}, {@link KeyphraseModel#MODIFIER} (its word's part of
     *  speech in the shipped lexicon), {@link #KP_NAME}, {@link #KP_CAPITAL}. */
    int[] kp = new int[4096];
    /** Background inverse document frequency of the term's word ({@link KeyphraseModel#idf}). */
    float[] idf = new float[4096];
    /** Written like a name ({@link Keyphrases#nameLike}): GRPO, VideoCoF, Qwen3. */
    static final int KP_NAME = 4;
    /** First char upper case (a name when it is not at a sentence start). */
    static final int KP_CAPITAL = 8;
    /** An upper-case letter after the first char ({@link Keyphrases#mixedCase}): shown as written. */
    static final int KP_MIXED = 16;
    /** A number ({@code 92.4}, {@code 4}: in "GPT-4" it heads) and, wider, a token starting with a digit ({@code 53k}). */
    static final int KP_NUMBER = 64, KP_DIGIT_FIRST = 128;
    /** The keyphrase flags also ride in the token's {@code info} (bits 20-27), read in order without the term table. */
    static final int KP_SHIFT = 20;
    static final int WORD_ID_MASK = (1 << 17) - 1;

    /** The word id in a token's {@link Field#info}. */
    static int wordId(int info) {
        return (info >>> 3) & WORD_ID_MASK;
    }

    /** The keyphrase flags in a token's {@link Field#info}. */
    static int keyphraseFlags(int info) {
        return (info >>> KP_SHIFT) & 0xFF;
    }
    private final Map<String, Integer> wordIds = new HashMap<>();

    // memo: open addressing, two longs per slot, {hash << 32 | term index + 1, key start << 32 | key length}, keys in
    // one char pool: a lookup reads one cache line of the table and the key's chars (no per-term arrays)
    private static final int MEMO_SLOTS = 8192;
    private long[] table = new long[2 * MEMO_SLOTS];
    private char[] pool = new char[32768];
    private int poolSize;
    private char[] joinBuf = new char[64];

    /** Per-thread scratch of the tagger and keyphrases, kept here so one ThreadLocal lookup serves a whole paper. */
    final Field title = new Field();
    final Field abstractField = new Field();
    final Keyphrases.Scratch keyphrases = new Keyphrases.Scratch();
    long[] matches = new long[64];

    /** Called before each paper: bounds the memo between papers, so ids stay consistent within one paper. */
    void beginPaper() {
        if (terms >= MAX_TERMS) resetMemo();
    }

    boolean isStop(int term) {
        return (meta[term] & STOP) != 0;
    }

    /** Number of distinct word ids handed out (ids are below this). */
    int wordCount() {
        return wordIds.size();
    }

    /** Tokenizes and analyses {@code text} into {@code f} (reusing its arrays). */
    void analyse(String text, Field f) {
        if (text == null) text = "";
        if (text.length() > MAX_FIELD_CHARS) text = text.substring(0, MAX_FIELD_CHARS);
        f.text = text;
        clear(f);
        if (text.isEmpty()) return;
        int len = text.length();
        if (f.chars.length < len) f.chars = new char[Math.max(len, f.chars.length * 2)];
        char[] chars = f.chars;
        text.getChars(0, len, chars, 0);
        // the direct scan where it is exact (ASCII, no very long token), else the scanner; both give the same tokens
        if (!scanAscii(f, chars, len)) {
            clear(f);
            scanWithLucene(f, chars, len);
        }
        if (f.anyHyphenLink) buildJoined(f);
    }

    private static void clear(Field f) {
        f.n = 0;
        f.anyHyphenLink = false;
        f.split.n = 0;
        f.joined.n = 0;
    }

    /** Tokenizes {@code chars} with {@link AsciiWords}; false if it cannot (non-ASCII text, a very long token). */
    private boolean scanAscii(Field f, char[] chars, int len) {
        AsciiWords words = asciiWords;
        words.reset(chars, len);
        int pos = 0;
        int prevEnd = -1;
        int r;
        while ((r = words.next()) == AsciiWords.TOKEN) {
            addToken(f, chars, words.start, words.end, words.hash, pos++, prevEnd);
            prevEnd = words.end;
        }
        return r == AsciiWords.END;
    }

    /** StandardTokenizer.incrementToken without the attribute API: same scanner, same max token length rule. */
    private void scanWithLucene(Field f, char[] chars, int len) {
        try {
            reader.reset(chars, len);
            scanner.yyreset(reader);
            int pos = -1;
            int skipped = 0;
            int prevEnd = -1;
            while (scanner.getNextToken() != StandardTokenizerImpl.YYEOF) {
                int tokLen = scanner.yylength();
                if (tokLen > MAX_TOKEN_LENGTH) {
                    skipped++;
                    continue;
                }
                pos += skipped + 1;
                skipped = 0;
                int s = scanner.yychar();
                addToken(f, chars, s, s + tokLen, AsciiWords.hash(chars, s, tokLen), pos, prevEnd);
                prevEnd = s + tokLen;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a char array cannot fail", e);
        }
    }

    /**
     * Adds token {@code chars[s, e)} ({@code hash}: its {@link AsciiWords#hash}) at position {@code pos} to the field
     * ({@code prevEnd}: the previous token's end, or -1).
     */
    private void addToken(Field f, char[] chars, int s, int e, int hash, int pos, int prevEnd) {
        int t = lookup(chars, s, e - s, hash);
        boolean hyphen = false;
        boolean joins = true;
        if (prevEnd >= 0) {
            hyphen = s == prevEnd + 1 && isHyphen(chars[prevEnd]);
            joins = gapJoins(chars, prevEnd, s);
        }
        f.anyHyphenLink |= hyphen;
        long m = meta[t];
        f.add(t, (int) m, s, e, pos, hyphen, joins);
        if ((m & STOP) == 0) f.split.add(t, (int) (m >> 32), pos, s, e, false);
    }

    /**
     * The joined sequence: each maximal hyphen-linked group of tokens is one unit; every unit advances one position.
     * Away from the (few) groups it equals the split sequence with positions shifted back by the positions the
     * earlier groups collapsed, so those runs are bulk-copied from {@code f.split} and only groups are analysed.
     */
    private void buildJoined(Field f) {
        Units split = f.split;
        Units joined = f.joined;
        int su = 0; // next split unit to copy
        int shift = 0; // split position - joined position, after the groups so far
        int i = 1;
        while (i < f.n) {
            if (!f.hyphenBefore[i]) {
                i++;
                continue;
            }
            int first = i - 1; // the group is tokens [first, j)
            int j = i + 1;
            while (j < f.n && f.hyphenBefore[j]) j++;
            int from = su;
            while (su < split.n && split.start[su] < f.start[first]) su++;
            joined.copyRun(split, from, su, shift);
            while (su < split.n && split.start[su] <= f.start[j - 1]) su++; // the group's own split units
            int len = 0;
            for (int k = first; k < j; k++) len += f.end[k] - f.start[k];
            if (joinBuf.length < len) joinBuf = new char[Math.max(len, joinBuf.length * 2)];
            int o = 0;
            for (int k = first; k < j; k++) {
                System.arraycopy(f.chars, f.start[k], joinBuf, o, f.end[k] - f.start[k]);
                o += f.end[k] - f.start[k];
            }
            int t = lookup(joinBuf, 0, len, AsciiWords.hash(joinBuf, 0, len));
            long m = meta[t];
            if ((m & STOP) == 0) joined.add(t, (int) (m >> 32), f.pos[first] - shift, f.start[first], f.end[j - 1], true);
            shift += f.pos[j - 1] - f.pos[first];
            i = j + 1;
        }
        joined.copyRun(split, su, split.n, shift);
    }

    static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    /** The text between two tokens keeps them in one keyphrase run if it is only whitespace or one bare hyphen. */
    private static boolean gapJoins(char[] text, int from, int to) {
        if (to - from == 1 && (text[from] == ' ' || text[from] == '-')) return true; // the usual gaps
        for (int i = from; i < to; i++) if (!Character.isWhitespace(text[i])) return false;
        return true;
    }

    /** The term index of a raw token ({@code hash}: its {@link AsciiWords#hash}), analysing it on first sight. */
    private int lookup(char[] buf, int off, int len, int hash) {
        int h = hash ^ (hash >>> 15);
        int mask = (table.length >> 1) - 1;
        int slot = h & mask;
        while (true) {
            long e = table[2 * slot];
            if (e == 0) break;
            if ((int) (e >>> 32) == h) {
                long key = table[2 * slot + 1];
                if ((int) key == len && sameChars((int) (key >>> 32), buf, off, len)) return (int) e - 1;
            }
            slot = (slot + 1) & mask;
        }
        return insert(buf, off, len, h, slot);
    }

    /** Memoises a new raw token in the free {@code slot} (out of {@link #lookup}, so that the hit path stays small enough to inline). */
    private int insert(char[] buf, int off, int len, int h, int slot) {
        int idx = addTerm(new String(buf, off, len));
        if (poolSize + len > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        System.arraycopy(buf, off, pool, poolSize, len);
        table[2 * slot] = ((long) h << 32) | (idx + 1L);
        table[2 * slot + 1] = ((long) poolSize << 32) | len;
        poolSize += len;
        if (terms * 4 > table.length) growTable();
        return idx;
    }

    /** A plain loop: keys are short, and Arrays.equals' range checks and vectorized stub cost more than they save here. */
    private boolean sameChars(int from, char[] buf, int off, int len) {
        char[] p = pool;
        for (int i = 0; i < len; i++) if (p[from + i] != buf[off + i]) return false;
        return true;
    }

    private void growTable() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = (table.length >> 1) - 1;
        for (int i = 0; i < old.length; i += 2) {
            long e = old[i];
            if (e == 0) continue;
            int slot = (int) (e >>> 32) & mask;
            while (table[2 * slot] != 0) slot = (slot + 1) & mask;
            table[2 * slot] = e;
            table[2 * slot + 1] = old[i + 1];
        }
    }

    private void resetMemo() {
        table = new long[2 * MEMO_SLOTS];
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
            kp = Arrays.copyOf(kp, c);
            idf = Arrays.copyOf(idf, c);
        }
        String sf = run(surfaceSource, surfaceChain, surfaceAtt, raw);
        String st = sf == null || sf.isEmpty() ? null : run(stemSource, stemChain, stemAtt, raw);
        if (sf == null) sf = "";
        String word = Keyphrases.wordKey(sf); // the key of the keyphrase model, as its builder makes it
        Integer id = wordIds.get(word);
        if (id == null) {
            id = wordIds.size();
            wordIds.put(word, id);
        }
        int idx = terms++;
        surface[idx] = sf;
        stem[idx] = st;
        boolean rakeStop = StopWords.isStop(sf) || !Words.hasLetterOrDigit(sf) || Words.isNumber(sf);
        int flags = (st == null ? STOP : 0) | (rakeStop ? RAKE_STOP : 0) | (sf.length() >= 3 ? LONG_WORD : 0);
        Integer taxId = st == null ? null : vocabulary.get(st);
        int keyphraseFlags = KeyphraseModel.DEFAULT.pos(word) | (Keyphrases.nameLike(raw) ? KP_NAME : 0)
                | (Words.isNumber(sf) ? KP_NUMBER : 0) | (!sf.isEmpty() && Character.isDigit(sf.charAt(0)) ? KP_DIGIT_FIRST : 0)
                | (!raw.isEmpty() && Character.isUpperCase(raw.charAt(0)) ? KP_CAPITAL : 0) | (Keyphrases.mixedCase(raw) ? KP_MIXED : 0);
        kp[idx] = keyphraseFlags;
        // past WORD_ID_MASK ids (a single paper of >131k distinct words) the rarest words share one id
        long low = flags | (long) Math.min(id, WORD_ID_MASK) << 3 | (long) keyphraseFlags << KP_SHIFT;
        meta[idx] = ((long) (taxId == null ? -1 : taxId) << 32) | (low & 0xFFFF_FFFFL);
        idf[idx] = KeyphraseModel.DEFAULT.idf(word);
        return idx;
    }

    /** A reader over a reused char array: StringReader would copy under a lock on every refill of the scanner. */
    private static final class CharsReader extends Reader {
        private char[] buf;
        private int pos;
        private int end;

        void reset(char[] buf, int end) {
            this.buf = buf;
            this.pos = 0;
            this.end = end;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (len == 0) return 0;
            if (pos >= end) return -1;
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, cbuf, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {}
    }

    private static String run(KeywordTokenizer source, TokenStream chain, CharTermAttribute att, String raw) {
        return TextAnalysis.analyseToken(source, chain, att, raw);
    }
}
