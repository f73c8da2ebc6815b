package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.parse.ListingParser.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #24: every form fed 1–10 MB of link/markup-heavy text (built from a fixed seed) gives entries or a reported
 * problem within a bounded time, on a thread with a small stack, so that a regular expression or a parser that
 * recurses per character fails here (the old link expression overflowed a 256 KiB stack on a 4 KB link text).
 */
class ParserFuzzTest {
    static final long SEED = 24;
    static final int MB = 1024 * 1024;
    static final int STACK = 256 * 1024;
    /** Generous: the slowest case takes about 3 s alone, and other builds share the machine. */
    static final long LIMIT_MS = 15_000;

    static final String[] MARKUP = {"[", "]", "](", "](https://huggingface.co/papers/2401.0", "][1]", "][", "\\", "\\\\\\\\",
            "![", "![x](", "<a href=\"/papers/2401.00001\">", "</a>", "<b>", "<div>", "{", "}", "{\"a\":", "**", "### ", "# ",
            "   ", "word ", "text ", "4 authors", "·", "Mar 3, 2024", "https://huggingface.co/papers/2401.00001", "\"",
            "(", ")", "((", "))", "`", "_", "#", "é", "中", "😀"};

    /** Markup-heavy text of about {@code chars} characters; lines end at random lengths up to {@code maxLine} (0: one line). */
    static String markup(long seed, int chars, int maxLine) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 64);
        int lineStart = 0;
        int lineLen = maxLine == 0 ? Integer.MAX_VALUE : 1 + rnd.nextInt(maxLine);
        while (sb.length() < chars) {
            sb.append(MARKUP[rnd.nextInt(MARKUP.length)]);
            if (sb.length() - lineStart >= lineLen) {
                sb.append('\n');
                lineStart = sb.length();
                lineLen = 1 + rnd.nextInt(maxLine);
            }
        }
        return sb.toString();
    }

    static String repeat(String s, int chars) {
        return s.repeat(Math.max(1, chars / s.length()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Format f : List.of(Format.TEXT, Format.MARKDOWN, Format.BROWSER, Format.AUTO)) {
            cases.add(Arguments.of(f, "one 10 MB markup line", (Supplier<String>) () -> markup(SEED, 10 * MB, 0)));
            cases.add(Arguments.of(f, "1 MB of markup lines up to 16 K", (Supplier<String>) () -> markup(SEED + 1, MB, 16 * 1024)));
            cases.add(Arguments.of(f, "2 MB of 15 K-char link texts with backslash runs",
                    (Supplier<String>) () -> repeat("[" + repeat("a\\] \\\\ ", 15_000) + "](https://huggingface.co/papers/2401.00001)\n", 2 * MB)));
            cases.add(Arguments.of(f, "1 MB of nested unclosed brackets per line",
                    (Supplier<String>) () -> repeat("### " + "[".repeat(8000) + "](".repeat(2000) + "\\".repeat(3001) + "\n", MB)));
            cases.add(Arguments.of(f, "1 MB of URL-only lines", (Supplier<String>) () ->
                    repeat("https://huggingface.co/papers/" + "a".repeat(10_000) + "/" + "(".repeat(3000) + "\n", MB)));
        }
        // HTML costs ~1.5 s per MB (jsoup, then its visible text as Markdown): 10 MB passes, in more than the bound.
        cases.add(Arguments.of(Format.HTML, "1 MB of markup in a page", (Supplier<String>) () ->
                "<!doctype html><html><body>" + markup(SEED + 2, MB, 4096) + "</body></html>"));
        cases.add(Arguments.of(Format.HTML, "20 k nested divs, links and headings", (Supplier<String>) () ->
                "<html><body>" + "<div><a href=\"/papers/2401.00001\"><h3>".repeat(20_000) + "x"));
        cases.add(Arguments.of(Format.JSON, "1 M nested objects", (Supplier<String>) () -> "{\"a\":".repeat(MB)));
        cases.add(Arguments.of(Format.JSON, "an item with a 10 MB markup title", (Supplier<String>) () ->
                "[{\"title\":\"" + markup(SEED + 3, 10 * MB, 0).replace("\\", "\\\\").replace("\"", "'")
                        + "\",\"paper\":{\"summary\":\"s\"}}]"));
        cases.add(Arguments.of(Format.AUTO, "10 MB of nested arrays", (Supplier<String>) () -> "[".repeat(10 * MB)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void everyFormGivesEntriesOrAProblemInBoundedTimeOnASmallStack(Format form, String what, Supplier<String> page) {
        String text = page.get();
        ListingParser.Result r = onSmallStack(() -> ListingParser.parseAll("fuzz", text, form));
        assertThat(r.entries().size() + r.problems().size()).as("entries or problems").isPositive();
    }

    /** The case of the issue: an abstract written as one link text of several KB, arXiv line breaks kept as {@code \}. */
    @Test
    void aMarkdownAbstractWrittenAsOneLongLinkTextGivesTitleAndAbstract() throws IOException {
        String[] seed = longestSeedEntry();
        String title = seed[0];
        List<String> words = List.of(seed[1].strip().split("\\s+"));
        String url = "https://huggingface.co/papers/2401.01234";
        StringBuilder oneLine = new StringBuilder("[");
        StringBuilder wrapped = new StringBuilder("[");
        int col = 0;
        for (String w : words) {
            String e = w.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_");
            if (col > 0 && col + e.length() > 78) {
                oneLine.append("\\ "); // the hard break of the wrapped original, its newline become a blank
                wrapped.append("\\\n");
                col = 0;
            } else if (col > 0) {
                oneLine.append(' ');
                wrapped.append(' ');
            }
            oneLine.append(e);
            wrapped.append(e);
            col += e.length() + 1;
        }
        String card = "### [" + title + "](" + url + ")\n\n%s](" + url + ")\n\n- 7 authors\n\nJan 5, 2024\n";
        String expectedAbstract = String.join(" ", words);
        assertThat(oneLine.length()).as("link text size").isBetween(3000, 10_000);
        for (String abstractLines : List.of(oneLine.toString(), wrapped.toString())) {
            String page = "Daily Papers\n\n" + card.formatted(abstractLines);
            ListingParser.Result r = onSmallStack(() -> ListingParser.parseAll("issue-24.md", page, Format.AUTO));
            assertThat(r.problems()).isEmpty();
            assertThat(r.entries()).hasSize(1);
            Entry e = r.entries().get(0);
            assertThat(e.title()).isEqualTo(title);
            assertThat(e.abstractText()).isEqualTo(expectedAbstract);
            assertThat(e.arxivId()).isEqualTo("2401.01234");
            assertThat(e.authors()).isEqualTo(7);
            assertThat(e.published()).isEqualTo("2024-01-05");
        }
    }

    /**
     * Title and abstract of format A seed entries (a title line, a blank, the abstract line), read from the file: the
     * two longest abstracts joined, so that the link text is over 3 KB as in the report.
     */
    static String[] longestSeedEntry() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "demo-data", "000_d84dd5f55e8a7a8b.txt"), StandardCharsets.UTF_8);
        List<Integer> abstracts = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).length() > 1200 && lines.get(i - 1).isBlank() && !lines.get(i - 2).isBlank()
                    && lines.get(i).indexOf('*') < 0) {
                abstracts.add(i);
            }
        }
        abstracts.sort(Comparator.comparingInt((Integer i) -> lines.get(i).length()).reversed());
        int a = abstracts.get(0);
        return new String[] {lines.get(a - 2).strip(), lines.get(a) + " " + lines.get(abstracts.get(1))};
    }

    /** Runs the parse on a thread with a {@value #STACK}-byte stack; fails on any throwable or after {@value #LIMIT_MS} ms. */
    static <T> T onSmallStack(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "fuzz", STACK);
        t.setDaemon(true);
        t.start();
        try {
            t.join(LIMIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(t.isAlive()).as("still parsing after %d ms", LIMIT_MS).isFalse();
        assertThat(failure.get()).as("thrown by the parser").isNull();
        return result.get();
    }
}
