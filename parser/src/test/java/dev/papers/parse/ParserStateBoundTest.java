package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.parse.ListingParser.Format;
import dev.papers.parse.ListingParser.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #24: the processor stores {@link ListingParser.State} as JSON after every chunk, so its JSON must stay well
 * under 256 KiB whatever the page. Hostile pages are fed in 64 KiB chunks, each through a JSON round trip of the state
 * and {@link ListingParser#resume}, as the processor does.
 */
class ParserStateBoundTest {
    static final int LIMIT = 160 * 1024;
    static final int CHUNK = 64 * 1024;
    static final int MB = 1024 * 1024;
    static final String PAPER = "https://huggingface.co/papers/2401.00001";

    record Run(List<Entry> entries, List<Problem> problems, int maxStateBytes) {}

    static Run chunked(String page, Format form) {
        ListingParser p = ListingParser.start("hostile", form);
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int max = 0;
        for (int i = 0; i < page.length(); i += CHUNK) {
            entries.addAll(p.feed(page.substring(i, Math.min(page.length(), i + CHUNK))));
            problems.addAll(p.drainProblems());
            byte[] json = Json.write(p.state()).getBytes(StandardCharsets.UTF_8);
            assertThat(json.length).as("state JSON after the chunk at %d", i).isLessThanOrEqualTo(LIMIT);
            max = Math.max(max, json.length);
            p = ListingParser.resume(Json.read(new String(json, StandardCharsets.UTF_8), ListingParser.State.class));
        }
        entries.addAll(p.finish());
        problems.addAll(p.drainProblems());
        return new Run(entries, problems, max);
    }

    static String lines(String line, int count) {
        return (line + "\n").repeat(count);
    }

    static Stream<Arguments> hostilePages() {
        List<Arguments> a = new ArrayList<>();
        for (Format f : List.of(Format.AUTO, Format.TEXT, Format.MARKDOWN, Format.BROWSER)) {
            a.add(Arguments.of(f, "one 10 MB line", (Supplier<String>) () -> "x".repeat(10 * MB)));
            a.add(Arguments.of(f, "100 k short lines without a blank", (Supplier<String>) () -> lines("a short line of text", 100_000)));
            a.add(Arguments.of(f, "a never-ending abstract", (Supplier<String>) () -> "### [Endless](" + PAPER + ")\n\n"
                    + lines("and the abstract goes on and on, wrapped like arXiv wraps it, never ending,", 100_000)));
            a.add(Arguments.of(f, "10 MB of 16 K-character lines of 3-byte characters", (Supplier<String>) () ->
                    lines("中".repeat(16 * 1024 - 1), 10 * MB / (16 * 1024))));
        }
        a.add(Arguments.of(Format.AUTO, "10 MB of lines before the form is decided", (Supplier<String>) () ->
                "first\n" + "\n".repeat(5 * MB) + lines("\u00e9".repeat(200), 25_000)));
        a.add(Arguments.of(Format.AUTO, "10 MB of blanks before the first character", (Supplier<String>) () ->
                " \t\u000B\u001C".repeat(10 * MB / 4) + "x"));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hostilePages")
    void theStateStaysSmallAfterEveryChunk(Format form, String what, Supplier<String> page) {
        Run r = chunked(page.get(), form);
        assertThat(r.entries().size() + r.problems().size()).as("entries or problems").isPositive();
    }

    @Test
    void aNeverEndingAbstractIsCutAtAWordAndReportedWithItsLine() {
        String line = "and the abstract goes on and on, wrapped like arXiv wraps it, never ending,";
        Run r = chunked("### [Endless](" + PAPER + ")\n\n" + lines(line, 100_000), Format.AUTO);
        assertThat(r.entries()).hasSize(1);
        String abs = r.entries().get(0).abstractText();
        assertThat(abs.length()).isBetween(ListingParser.MAX_ABSTRACT_CHARS / 2, ListingParser.MAX_ABSTRACT_CHARS);
        assertThat(abs).startsWith(line + " " + line).endsWith(" wraps it,");
        // The cut comes on the line that carries the abstract past 6 Ki characters: line 3 holds the first part.
        long cutLine = 3 + ListingParser.MAX_ABSTRACT_CHARS / (line.length() + 1);
        assertThat(r.problems()).extracting(Problem::line, Problem::reason)
                .contains(org.assertj.core.groups.Tuple.tuple(cutLine, "abstract longer than 6144 characters, cut"));
    }

    /** The worst case the bounds allow: a full entry and a held one in 3-byte characters, a partial line of NULs. */
    @Test
    void theWorstCaseStateIsStillUnderTheLimit() {
        String title = "題".repeat(1000);
        String abs = "摘要".repeat(3000);
        String card = "### [%s %d](" + PAPER + ")\n\n" + abs + "\n\n- " + "名, ".repeat(300) + "名 302 authors\n\n- 4 authors\n\n";
        String page = card.formatted(title, 1) + card.formatted(title, 2) + "\u0000".repeat(16 * 1024 - 1);
        Run r = chunked(page, Format.MARKDOWN);
        assertThat(r.maxStateBytes()).as("worst state JSON").isGreaterThan(120 * 1024).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void aTitleOverOneKiIsCutAndReported() {
        String title = "Word ".repeat(400).strip();
        Run r = chunked("Daily Papers\n\n" + title + "\n\nAn abstract for the long title.\n", Format.TEXT);
        assertThat(r.entries()).hasSize(1);
        assertThat(r.entries().get(0).title()).isEqualTo("Word ".repeat(205).strip());
        assertThat(r.problems()).extracting(Problem::line, Problem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "title longer than 1024 characters, cut"));
    }
}
