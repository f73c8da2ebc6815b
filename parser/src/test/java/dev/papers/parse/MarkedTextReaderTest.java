package dev.papers.parse;

import static dev.papers.parse.ReaderHarness.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page-to-Markdown captures, written from the firecrawl form described in issue #20 (MarkedTextReader's javadoc). */
class MarkedTextReaderTest {
    static final String LONG_ABSTRACT = "Recent progress in language models has been defined by scale, with each"
            + " generation absorbing more of the world's knowledge into its weights. However, many practical"
            + " applications benefit more from robust reasoning over given sources than from memorised facts, so we"
            + " study a small core model.";

    static final String PAGE = """
            # Daily Papers

            ## by [![](https://huggingface.co/front/assets/papers-by.png)AK](https://huggingface.co/akhaliq) and the research community

            - Daily
            - Weekly
            - Monthly

            Oct 2

            [101](https://huggingface.co/login?next=%2Fpapers%2F2606.00683)

            ### [OCC-RAG: Optimal Cognitive Core for\\  Faithful Question Answering](https://huggingface.co/papers/2606.00683)

            [""" + LONG_ABSTRACT + """
            ](https://huggingface.co/papers/2606.00683)

            [![occ-ai](https://cdn-avatars.huggingface.co/v1/occ.png)OCC](https://huggingface.co/occ-ai)

            ·

            May 29[6](https://huggingface.co/papers/2606.00683#community)

            [-](https://huggingface.co/login?next=%2Fpapers%2F2502.20581)

            ### [The Noisy Path from Source to Citation](https://huggingface.co/papers/2502.20581)

            [Academic citations are widely used for evaluating research and tracing\\\\
            knowledge flows. Such uses typically rely on raw citation counts\\\\
            and neglect variability in citation types.](https://huggingface.co/papers/2502.20581)

            [- ![](https://cdn-avatars.huggingface.co/v1/a.jpeg)\\\\
            - ![](https://huggingface.co/avatars/b.svg)\\\\
            - 3 authors](https://huggingface.co/papers/2502.20581)

            ·

            Feb 27, 2025
            """;

    static final List<Entry> ENTRIES = List.of(
            entry("OCC-RAG: Optimal Cognitive Core for Faithful Question Answering", LONG_ABSTRACT, null, "occ-ai OCC",
                    "May 29", null, 101, "Oct 2", "2606.00683", null, 6),
            entry("The Noisy Path from Source to Citation", "Academic citations are widely used for evaluating research"
                            + " and tracing knowledge flows. Such uses typically rely on raw citation counts and neglect"
                            + " variability in citation types.", 3, null, "Feb 27, 2025", "2025-02-27", 0, "Oct 2",
                    "2502.20581", null, null));

    static ReaderHarness read(String page) {
        ReaderHarness h = new ReaderHarness();
        MarkedTextReader r = new MarkedTextReader(h.out, true, null);
        return h.feed(r, page).finish(r);
    }

    @Test
    void firecrawlCardsGiveEveryField() {
        assertThat(LONG_ABSTRACT.length()).isGreaterThanOrEqualTo(ListingParser.LINKED_ABSTRACT_CHARS);
        ReaderHarness h = read(PAGE);
        assertThat(h.entries).containsExactlyElementsOf(ENTRIES);
        assertThat(h.problems).isEmpty();
    }

    /** Saved after every line, also inside the wrapped abstract link and the wrapped author link. */
    @Test
    void stateSurvivesASaveAndResumeAfterAnyLine() {
        String[] lines = PAGE.split("\n");
        for (int cut = 1; cut < lines.length; cut++) {
            ReaderHarness h = new ReaderHarness();
            MarkedTextReader first = new MarkedTextReader(h.out, true, null);
            h.feed(first, String.join("\n", Arrays.copyOfRange(lines, 0, cut)));
            MarkedTextReader.State s = (MarkedTextReader.State) ReaderHarness.saved(first.state(), ListingParser.Format.MARKDOWN);
            MarkedTextReader resumed = new MarkedTextReader(h.out, true, s);
            h.feed(resumed, String.join("\n", Arrays.copyOfRange(lines, cut, lines.length))).finish(resumed);
            assertThat(h.entries).as("cut after line %d", cut).containsExactlyElementsOf(ENTRIES);
            assertThat(h.problems).as("cut after line %d", cut).isEmpty();
        }
    }

    /** A one-digit day with the comment link glued on: "May 2[6](…)" is May 2 and 6 comments, not May 26. */
    @Test
    void aCommentCountGluedToAOneDigitDayIsNotPartOfTheDay() {
        ReaderHarness h = read("""
                ### [Glued Date Paper](https://huggingface.co/papers/2605.00001)

                A short abstract of the glued date paper.

                - 2 authors

                ·

                May 2[6](https://huggingface.co/papers/2605.00001#community)

                ### [Glued Year Paper](https://huggingface.co/papers/2605.00002)

                Another short abstract.

                - 4 authors

                ·

                Jan 1, 2025[3](https://huggingface.co/papers/2605.00002#community)
                """);
        assertThat(h.entries).extracting(Entry::title, Entry::publishedText, Entry::published, Entry::comments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Glued Date Paper", "May 2", null, 6),
                        org.assertj.core.groups.Tuple.tuple("Glued Year Paper", "Jan 1, 2025", "2025-01-01", 3));
    }

    @Test
    void aCardCutByTheCaptureIsDroppedWithAReason() {
        ReaderHarness h = read("""
                ### [Whole Card](https://huggingface.co/papers/2601.00001)

                The whole card's abstract.

                - 2 authors

                ·

                Jan 5, 2026

                ### [Cut Card](https://huggingface.co/papers/2601.00002)

                The cut card's abstract starts and

                [Content truncated]
                """);
        assertThat(h.entries).extracting(Entry::title).containsExactly("Whole Card");
        assertThat(h.reasons()).containsExactly(
                "11: entry cut off by the end of the capture ([Content truncated]), dropped");
    }

    @Test
    void aHeadingWithoutAnAbstractIsAProblem() {
        ReaderHarness h = read("""
                ### [Lonely Heading](https://huggingface.co/papers/2601.00003)

                ### [Next Paper](https://huggingface.co/papers/2601.00004)

                Next paper's abstract.
                """);
        assertThat(h.entries).extracting(Entry::title).containsExactly("Next Paper");
        assertThat(h.reasons()).containsExactly("1: title with no abstract");
    }

    @Test
    void aNeverEndingAbstractAndBulletListAreCappedInTheState() {
        ReaderHarness h = new ReaderHarness();
        MarkedTextReader r = new MarkedTextReader(h.out, true, null);
        h.feed(r, "### Endless Paper Title\n\nIt starts.\n" + "and goes on and on without any metadata line\n".repeat(400));
        MarkedTextReader.State s = r.state();
        assertThat(s.abstractText().length()).isLessThanOrEqualTo(ListingParser.MAX_ABSTRACT_CHARS).isGreaterThan(6000);
        assertThat(h.reasons()).first().asString().endsWith("abstract longer than 6144 characters, cut");

        ReaderHarness g = new ReaderHarness();
        MarkedTextReader q = new MarkedTextReader(g.out, true, null);
        g.feed(q, "### Many Authors Paper\n\n- Author Name Number\n".repeat(1).concat("- Another Author Name\n".repeat(200)));
        List<String> names = q.state().bulletNames();
        int chars = names == null ? 0 : names.stream().mapToInt(String::length).sum();
        assertThat(chars).isLessThanOrEqualTo(ListingParser.MAX_NAMES_CHARS);
    }
}
