package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners (and the rewritten patterns) against the regular expressions they replace, which are
 * copied here as they were: on short random strings of the characters that matter the old expressions are fast and
 * safe, and must give exactly the same results.
 */
class InlineSyntaxTest {
    static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\([^)]*\\)|!\\[[^\\]]*\\]\\[\\d*\\]");
    static final Pattern INLINE_LINK = Pattern.compile(
            "\\[((?:\\\\.|[^\\[\\]\\\\])*)\\]\\(([^()\\s]*(?:\\([^()\\s]*\\))?[^()\\s]*)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern REF_LINK = Pattern.compile("\\[((?:\\\\.|[^\\[\\]\\\\])*)\\]\\[(\\d*)\\]");
    static final Pattern FIRST_TARGET = Pattern.compile("\\]\\(([^()\\s]+)");
    static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    static final Pattern MD_AUTHORS = Pattern.compile("^(?:(.*?)[\\s·•,\\-–—]+)?(\\d+)\\s+authors?$");
    static final Pattern TRUNCATED = Pattern.compile(
            "(?i)^(?:\\[\\s*(?:content|page|output|text|capture)?\\s*truncated[^\\]]{0,80}\\]|\\(\\s*(?:content|page|output|text|capture)?\\s*truncated[^)]{0,80}\\))$");
    static final Pattern REFERENCE_LINE = Pattern.compile("^(?:\\d+\\.\\s+\\S+:\\S*|\\[\\d+\\]:\\s*\\S+.*)$");
    static final Pattern LYNX_ORG = Pattern.compile("^\\[\\[([^\\]]+)\\]\\s*([^\\]]+?)\\]\\[\\d+\\]$");
    static final Pattern MD_ORG = Pattern.compile(
            "^\\[!\\[([^\\]]*)\\]\\([^)]*\\)\\s*([^\\]]+?)\\]\\((?:https?://(?:www\\.)?huggingface\\.co)?/([A-Za-z0-9][\\w.\\-]*)/?\\)$");

    /** Pieces that make the expressions match often (and fail in every way). */
    static final List<String> TOKENS = List.of("[", "]", "(", ")", "![", "](", "][", "[[", "\\", "\\]", "\\[", "\\\\",
            " ", "  ", "\t", "a", "bc", "x y", "1", "23", "\"", "#", "##", "###", "#######", "·", "•", "-", "—", ",",
            "authors", "author", " 3 authors", "truncated", "content", "[Content truncated]", "(page truncated)",
            ":", "1. ", "[12]: ", "https://huggingface.co/papers/2401.00001", "/org", "\u2028", "\u0085", "\r", "\n",
            "é", "😀");

    static void forRandomStrings(long seed, int count, Consumer<String> check) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.setLength(0);
            int n = rnd.nextInt(14);
            for (int k = 0; k < n; k++) sb.append(TOKENS.get(rnd.nextInt(TOKENS.size())));
            check.accept(sb.toString());
        }
    }

    @Test
    void imagesAndLinksAreReplacedExactlyLikeTheOldExpressions() {
        forRandomStrings(1, 300_000, s -> {
            assertThat(InlineSyntax.withoutImages(s)).as("images of [%s]", s).isEqualTo(IMAGE.matcher(s).replaceAll(""));
            assertThat(InlineSyntax.inlineLinks(s, true)).as("inline links of [%s]", s)
                    .isEqualTo(INLINE_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1))));
            assertThat(InlineSyntax.inlineLinks(s, false)).as("inline links of [%s]", s)
                    .isEqualTo(INLINE_LINK.matcher(s).replaceAll(""));
            assertThat(InlineSyntax.refLinks(s, true)).as("reference links of [%s]", s)
                    .isEqualTo(REF_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1))));
            assertThat(InlineSyntax.refLinks(s, false)).as("reference links of [%s]", s)
                    .isEqualTo(REF_LINK.matcher(s).replaceAll(""));
            assertThat(InlineSyntax.hasRefLink(s)).as("reference link in [%s]", s).isEqualTo(REF_LINK.matcher(s).find());
            Matcher t = FIRST_TARGET.matcher(s);
            assertThat(InlineSyntax.firstInlineTarget(s)).as("first target of [%s]", s).isEqualTo(t.find() ? t.group(1) : null);
        });
    }

    @Test
    void headingsAndAuthorLinesAreReadExactlyLikeTheOldExpressions() {
        forRandomStrings(2, 300_000, s -> {
            Matcher h = HEADING.matcher(s);
            InlineSyntax.Heading heading = InlineSyntax.heading(s);
            if (h.matches()) {
                assertThat(heading).as("heading [%s]", s).isEqualTo(new InlineSyntax.Heading(h.group(1).length(), h.group(2)));
            } else {
                assertThat(heading).as("heading [%s]", s).isNull();
            }
            Matcher a = MD_AUTHORS.matcher(s);
            InlineSyntax.Authors authors = InlineSyntax.authors(s);
            if (a.matches()) {
                assertThat(authors).as("authors [%s]", s).isEqualTo(new InlineSyntax.Authors(a.group(1), a.group(2)));
            } else {
                assertThat(authors).as("authors [%s]", s).isNull();
            }
        });
    }

    @Test
    void rewrittenPatternsMatchWhatTheOldOnesMatched() {
        forRandomStrings(3, 300_000, s -> {
            assertThat(MarkedLines.TRUNCATED.matcher(s).matches()).as("truncated [%s]", s)
                    .isEqualTo(TRUNCATED.matcher(s).matches());
            assertThat(MarkedLines.REFERENCE_LINE.matcher(s).matches()).as("reference line [%s]", s)
                    .isEqualTo(REFERENCE_LINE.matcher(s).matches());
            sameOrganisation(MarkedLines.LYNX_ORG.matcher(s), LYNX_ORG.matcher(s), s);
            sameOrganisation(MarkedLines.MD_ORG.matcher(s), MD_ORG.matcher(s), s);
        });
    }

    /** The name group now takes the blanks before it; the parser strips it. */
    private static void sameOrganisation(Matcher now, Matcher old, String s) {
        assertThat(now.matches()).as("organisation [%s]", s).isEqualTo(old.matches());
        if (!old.matches()) return;
        assertThat(now.group(1)).isEqualTo(old.group(1));
        assertThat(now.group(2).strip()).as("name of [%s]", s).isEqualTo(old.group(2).strip());
        if (old.groupCount() >= 3) assertThat(now.group(3)).isEqualTo(old.group(3));
    }

    @Test
    void aHundredThousandCharacterLinkTextNeedsNoStackAndLinearTime() throws Exception {
        String text = "word\\] \\\\ ".repeat(10_000);
        String line = "[" + text + "](https://huggingface.co/papers/2401.00001) and [" + "[".repeat(50_000) + "\\".repeat(50_001);
        String[] out = new String[1];
        Thread t = new Thread(null, () -> out[0] = InlineSyntax.inlineLinks(line, true), "small-stack", 128 * 1024);
        long t0 = System.nanoTime();
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(out[0]).startsWith(text + " and [[[");
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
    }

    @Test
    void hardBreaksInsideALinkTextAreJoined() {
        assertThat(MarkedLines.withoutHardBreaks("wrapped by\\ experimenting with\\\\ words, \\alpha stays\\"))
                .isEqualTo("wrapped by experimenting with words, \\alpha stays");
    }
}
