package dev.papers.tagging;

import org.apache.lucene.analysis.standard.StandardTokenizerImpl;

/**
 * The token boundaries of Lucene's {@link StandardTokenizerImpl} (UAX#29 word breaks) on ASCII text, found by a
 * direct scan. On ASCII the grammar of that scanner reduces to a few classes: letters {@code [A-Za-z]}, digits
 * {@code [0-9]}, the connector {@code _} (ExtendNumLet), and the mid-word marks: {@code :} between two letters
 * (MidLetter), {@code , ;} between two digits (MidNum), {@code . '} between two letters or two digits (MidNumLet,
 * Single_Quote). A token is the longest run of letters and digits, with any underscores around or between them and
 * single mid-word marks between two letters or two digits ({@code x86_64}, {@code U.S.A}, {@code isn't},
 * {@code 3.5}, {@code 1,000}); every other ASCII char breaks. No ASCII char extends, formats or starts an emoji.
 *
 * <p>Why not the scanner itself: its table-driven DFA cost about as much as all of the tagger's own per-token work.
 * This scan also hashes each token on the way ({@link #hash}), sparing the memo a second pass over its chars. It is
 * exact only on ASCII text with tokens of at most {@link #MAX_LENGTH} chars (the scanner cuts tokens at its 255-char
 * buffer); on other text {@link #next} says {@link #CANNOT} and the analysis drives the scanner instead.
 * {@code AsciiWordsTest} checks the boundaries against the scanner on real and random text. Not thread-safe (one per
 * analysis).
 */
final class AsciiWords {
    /** Longest token this scan vouches for: well below the scanner's 255-char buffer, so its cuts never show. */
    static final int MAX_LENGTH = 200;
    /** {@link #next}: a token was found; no more tokens; the text is not for this scan. */
    static final int TOKEN = 1, END = 0, CANNOT = -1;

    private static final byte OTHER = 0, LETTER = 1, DIGIT = 2, CONNECTOR = 3, MID_LETTER = 4, MID_NUM = 5, MID_BOTH = 6;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) CLASS[c] = LETTER;
        for (char c = 'A'; c <= 'Z'; c++) CLASS[c] = LETTER;
        for (char c = '0'; c <= '9'; c++) CLASS[c] = DIGIT;
        CLASS['_'] = CONNECTOR;
        CLASS[':'] = MID_LETTER;
        CLASS[','] = MID_NUM;
        CLASS[';'] = MID_NUM;
        CLASS['.'] = MID_BOTH;
        CLASS['\''] = MID_BOTH;
    }

    private char[] chars;
    private int len;
    private int at;
    /** The last token found: {@code chars[start, end)} and its {@link #hash}. */
    int start, end, hash;

    /** Starts scanning {@code chars[0, len)}. */
    void reset(char[] chars, int len) {
        this.chars = chars;
        this.len = len;
        this.at = 0;
    }

    /** The memo's hash of {@code buf[off, off+len)}; {@link #next} computes the same while it scans. */
    static int hash(char[] buf, int off, int len) {
        int h = 0;
        for (int i = off; i < off + len; i++) h = 31 * h + buf[i];
        return h;
    }

    /**
     * Finds the next token: {@link #TOKEN} (then {@link #start}, {@link #end}, {@link #hash} are set), {@link #END},
     * or {@link #CANNOT} at a non-ASCII char or a token longer than {@link #MAX_LENGTH}.
     */
    int next() {
        char[] c = chars;
        int i = at;
        // to the first letter or digit; underscores right before it belong to the token ("__init")
        int first = -1;
        byte last;
        while (true) {
            if (i == len) return END;
            char ch = c[i];
            if (ch >= 0x80) return CANNOT;
            last = CLASS[ch];
            if (last == LETTER || last == DIGIT) break;
            if (last == CONNECTOR) {
                if (first < 0) first = i;
            } else {
                first = -1;
            }
            i++;
        }
        int s = first >= 0 ? first : i;
        int h = 0;
        for (int u = s; u <= i; u++) h = 31 * h + c[u];
        i++;
        while (i < len) {
            char ch = c[i];
            if (ch >= 0x80) return CANNOT;
            byte k = CLASS[ch];
            if (k == LETTER || k == DIGIT || k == CONNECTOR) {
                last = k; // a mid-word mark must follow a letter or digit directly, not an underscore
                h = 31 * h + ch;
                i++;
            } else if (k >= MID_LETTER && i + 1 < len && fits(k, last) && c[i + 1] < 0x80 && CLASS[c[i + 1]] == last) {
                h = 31 * (31 * h + ch) + c[i + 1];
                i += 2;
            } else {
                break;
            }
        }
        if (i - s > MAX_LENGTH) return CANNOT;
        start = s;
        end = i;
        hash = h;
        at = i;
        return TOKEN;
    }

    /** Whether mid-word mark class {@code mid} may stand between two chars of class {@code between}. */
    private static boolean fits(byte mid, byte between) {
        return between == LETTER ? mid != MID_NUM : between == DIGIT && mid != MID_LETTER;
    }
}
