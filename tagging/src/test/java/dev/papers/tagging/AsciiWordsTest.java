package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardTokenizerImpl;
import org.junit.jupiter.api.Test;

/** {@link AsciiWords} finds the token boundaries of Lucene's StandardTokenizer scanner (the oracle) on ASCII text. */
class AsciiWordsTest {

    /** Token offsets {@code [start, end]} pairs as the scanner finds them. */
    private static List<Integer> byScanner(String text) throws IOException {
        StandardTokenizerImpl scanner = new StandardTokenizerImpl(new StringReader(text));
        List<Integer> out = new ArrayList<>();
        while (scanner.getNextToken() != StandardTokenizerImpl.YYEOF) {
            out.add(scanner.yychar());
            out.add(scanner.yychar() + scanner.yylength());
        }
        return out;
    }

    /** The same by {@link AsciiWords}, which also hashes each token as {@link AsciiWords#hash} does. */
    private static List<Integer> byScan(String text) {
        char[] chars = text.toCharArray();
        AsciiWords words = new AsciiWords();
        words.reset(chars, chars.length);
        List<Integer> out = new ArrayList<>();
        int r;
        while ((r = words.next()) == AsciiWords.TOKEN) {
            out.add(words.start);
            out.add(words.end);
            assertThat(words.hash).isEqualTo(AsciiWords.hash(chars, words.start, words.end - words.start));
        }
        assertThat(r).as("[%s]", text).isEqualTo(AsciiWords.END);
        return out;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    @Test
    void sameTokensAsTheScannerOnRealText() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Entry e : SeedTaggingTest.loadSeeds().values()) texts.add(e.title() + "\n" + e.abstractText());
        for (HfDays.Paper p : HfDays.committed()) texts.add(p.title() + "\n" + p.summary());
        int ascii = 0;
        for (String text : texts) {
            if (!isAscii(text)) continue;
            assertThat(byScan(text)).as(text).isEqualTo(byScanner(text));
            ascii++;
        }
        assertThat(ascii).isGreaterThan(400);
    }

    @Test
    void sameTokensAsTheScannerOnTrickyText() throws IOException {
        for (String text : List.of("x86_64 U.S.A. isn't 3.5 1,000 1;2 a:b a;b 1:2 a,b e.g. i.e. __init__ _ __ a_ _a "
                + "a_.b a._b 1_.2 a1.2 1a.b a1.b 1.a a.1 a'1 1'2 a''b a..b 1..2 'quoted' \"dq\" a-b a--b #1 *x* 3D 7B",
                "", " ", "_", "._.", "a", "1", "a.", ".a", "a_", "_1_", "x_:y", "12:30", "x:", "word:", "a.b.c.d.e")) {
            assertThat(byScan(text)).as(text).isEqualTo(byScanner(text));
        }
    }

    @Test
    void sameTokensAsTheScannerOnRandomText() throws IOException {
        // every ASCII char class of the word-break rules, with letters and digits and underscores more often
        String alphabet = "aaaZZZ000999___..''::,,;;  -\"\t\n!#$%&()*+/<=>?@[\\]^`{|}~\u0001\u007f";
        Random random = new Random(23);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(24);
            for (int k = 0; k < len; k++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = sb.toString();
            assertThat(byScan(text)).as("[%s]", text).isEqualTo(byScanner(text));
        }
    }

    @Test
    void longTokensUpToTheVouchedLength() throws IOException {
        for (int n : new int[] {AsciiWords.MAX_LENGTH - 1, AsciiWords.MAX_LENGTH}) {
            String text = "a " + "x".repeat(n) + " b " + "1.".repeat(n / 2 - 1) + "1 c";
            assertThat(byScan(text)).isEqualTo(byScanner(text));
        }
    }

    @Test
    void declinesNonAsciiTextAndLongerTokens() {
        for (String text : List.of("caf\u00e9", "a \u2010 b", "ok " + "x".repeat(AsciiWords.MAX_LENGTH + 1) + " ok")) {
            AsciiWords words = new AsciiWords();
            words.reset(text.toCharArray(), text.length());
            int r;
            while ((r = words.next()) == AsciiWords.TOKEN) {}
            assertThat(r).as(text).isEqualTo(AsciiWords.CANNOT);
        }
    }
}
