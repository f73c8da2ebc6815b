package dev.papers.parse;

import static dev.papers.parse.ReaderHarness.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain-text exports with every link's URL on its own line, written from the form in issue #20. */
class LinkLinesReaderTest {
    static final String PAGE = """
            Daily Papers
            https://huggingface.co/papers
            by
            AK
            https://huggingface.co/akhaliq
             and the research community

             [-] 74

            https://huggingface.co/login?next=%2Fpapers%2F2310.17680

            CodeFusion: A Diffusion Model for Code

            https://huggingface.co/papers/2310.17680

            Imagine a developer who can only change their last line of code.

            https://huggingface.co/papers/2310.17680

            [

            4 authors](https://huggingface.co/papers/2310.17680)

            ·

            Oct 26, 2023\s

            3

            https://huggingface.co/papers/2310.17680#community

             [-] -

            https://huggingface.co/login?next=%2Fpapers%2F2309.00071

            YaRN: Context Window Extension

            https://huggingface.co/papers/2309.00071

            Rotary position embeddings encode positions.

            https://huggingface.co/papers/2309.00071

            https://huggingface.co/papers/2309.00071

             NousResearch

            https://huggingface.co/NousResearch

            ·

            Aug 31

            System theme
            https://huggingface.co/terms-of-service
            """;

    static final List<Entry> ENTRIES = List.of(
            entry("CodeFusion: A Diffusion Model for Code", "Imagine a developer who can only change their last line of code.",
                    4, null, "Oct 26, 2023", "2023-10-26", 74, null, "2310.17680", null, 3),
            entry("YaRN: Context Window Extension", "Rotary position embeddings encode positions.", null,
                    "NousResearch NousResearch", "Aug 31", null, 0, null, "2309.00071", null, null));

    @Test
    void cardsGiveUpvotesTitleAbstractAuthorsOrOrganisationDateAndComments() {
        ReaderHarness h = new ReaderHarness();
        LinkLinesReader r = new LinkLinesReader(h.out, null);
        h.feed(r, PAGE).finish(r);
        assertThat(h.entries).containsExactlyElementsOf(ENTRIES);
        assertThat(h.problems).isEmpty();
    }

    @Test
    void stateSurvivesASaveAndResumeAfterAnyLine() {
        String[] lines = PAGE.split("\n");
        for (int cut = 1; cut < lines.length; cut++) {
            ReaderHarness h = new ReaderHarness();
            LinkLinesReader first = new LinkLinesReader(h.out, null);
            h.feed(first, String.join("\n", Arrays.copyOfRange(lines, 0, cut)));
            LinkLinesReader.State s = (LinkLinesReader.State) ReaderHarness.saved(first.state(), ListingParser.Format.LINK_LINES);
            LinkLinesReader resumed = new LinkLinesReader(h.out, s);
            h.feed(resumed, String.join("\n", Arrays.copyOfRange(lines, cut, lines.length))).finish(resumed);
            assertThat(h.entries).as("cut after line %d", cut).containsExactlyElementsOf(ENTRIES);
            assertThat(h.problems).as("cut after line %d", cut).isEmpty();
        }
    }

    @Test
    void aCardWithoutAnAbstractIsAProblem() {
        ReaderHarness h = new ReaderHarness();
        LinkLinesReader r = new LinkLinesReader(h.out, null);
        h.feed(r, """
                [-] 5
                https://huggingface.co/login?next=%2Fpapers%2F2401.00001
                Title Without Abstract
                https://huggingface.co/papers/2401.00001
                [-] 6
                https://huggingface.co/login?next=%2Fpapers%2F2401.00002
                Title With Abstract
                https://huggingface.co/papers/2401.00002
                The abstract.
                """).finish(r);
        assertThat(h.reasons()).containsExactly("3: title with no abstract");
        assertThat(h.entries).extracting(Entry::title, Entry::upvotes, Entry::arxivId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Title With Abstract", 6, "2401.00002"));
    }

    @Test
    void anAbstractThatNeverEndsIsCappedInTheState() {
        ReaderHarness h = new ReaderHarness();
        LinkLinesReader r = new LinkLinesReader(h.out, null);
        h.feed(r, "https://huggingface.co/login?next=%2Fpapers%2F2401.00003\nEndless\nhttps://huggingface.co/papers/2401.00003\n"
                + "one more line of the abstract that goes on\n".repeat(500));
        assertThat(r.state().abstractText().length()).isLessThanOrEqualTo(ListingParser.MAX_ABSTRACT_CHARS).isGreaterThan(6000);
        assertThat(h.reasons()).isNotEmpty().allSatisfy(p -> assertThat(p).endsWith("abstract longer than 6144 characters, cut"));
    }
}
