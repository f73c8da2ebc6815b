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
 * <p>Why not the scanner itself: its table-driven DFA costs about as much as all of the tagger's own per-token work.
 * The analysis uses this scan only where it is exact: text of ASCII chars only, and tokens of at most
 * {@link #MAX_LENGTH} chars (the scanner cuts tokens at its 255-char buffer); otherwise it drives the scanner.
 * {@code AsciiWordsTest} checks the boundaries against the scanner on real and random text.
 */
final class AsciiWords {
    private AsciiWords() {}

    /** Longest token this scan vouches for: well below the scanner's 255-char buffer, so its cuts never show. */
    static final int MAX_LENGTH = 200;

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

    /** Whether {@code chars[0, len)} are all ASCII. */
    static boolean isAscii(char[] chars, int len) {
        int or = 0;
        for (int i = 0; i < len; i++) or |= chars[i];
        return or < 0x80;
    }

    /**
     * The start of the next token at or after {@code from} in ASCII {@code chars[0, len)}, or {@code len} if none;
     * its end is then {@link #end}{@code (chars, start, len)}.
     */
    static int start(char[] chars, int from, int len) {
        for (int i = from; i < len; i++) {
            byte k = CLASS[chars[i]];
            if (k == LETTER || k == DIGIT) return i;
            if (k == CONNECTOR) {
                // underscores open a token only when a letter or digit follows them ("__init"); otherwise they are skipped
                int j = i + 1;
                while (j < len && chars[j] == '_') j++;
                if (j < len && (CLASS[chars[j]] == LETTER || CLASS[chars[j]] == DIGIT)) return i;
                i = j - 1;
            }
        }
        return len;
    }

    /** One past the last char of the token that starts at {@code start} (from {@link #start}). */
    static int end(char[] chars, int start, int len) {
        int i = start;
        while (i < len && chars[i] == '_') i++;
        byte last = CLASS[chars[i]]; // a letter or digit, as start() found
        i++;
        while (i < len) {
            byte k = CLASS[chars[i]];
            if (k == LETTER || k == DIGIT) {
                last = k;
                i++;
            } else if (k == CONNECTOR) {
                last = CONNECTOR; // a mid-word mark must follow a letter or digit directly
                i++;
            } else if (k >= MID_LETTER && i + 1 < len && CLASS[chars[i + 1]] == last && fits(k, last)) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** Whether mid-word mark class {@code mid} may stand between two chars of class {@code between}. */
    private static boolean fits(byte mid, byte between) {
        return between == LETTER ? mid != MID_NUM : between == DIGIT && mid != MID_LETTER;
    }
}
