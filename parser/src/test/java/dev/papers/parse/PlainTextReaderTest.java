package dev.papers.parse;

import static dev.papers.parse.ReaderHarness.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scraped plain-text forms A and B, written from their documented layout (PlainTextReader's javadoc). */
class PlainTextReaderTest {
    /** Format A: header chrome, page date, blocks: title, abstract, "• N authors" or an organisation, "·", date [upvotes]. */
    static final String PAGE_A = """
            Daily Papers
            byAK and the research community
            Mar 16
            Alpha Networks for Beta Tasks
            We study alpha networks. They do beta tasks well.
              • 9 authors
            ·
            Jul 30, 2020 12
            Gamma: A Delta Benchmark
            A benchmark of delta problems.
            Acme Research Lab
            ·
            Sep 8
            """;

    static final List<Entry> ENTRIES_A = List.of(
            entry("Alpha Networks for Beta Tasks", "We study alpha networks. They do beta tasks well.", 9, null,
                    "Jul 30, 2020", "2020-07-30", 12, "Mar 16", null, null, null),
            entry("Gamma: A Delta Benchmark", "A benchmark of delta problems.", null, "Acme Research Lab",
                    "Sep 8", null, 0, "Mar 16", null, null, null));

    @Test
    void formatABlocksWithAuthorsOrOrganisationDateAndUpvotes() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        h.feed(r, PAGE_A).finish(r);
        assertThat(h.entries).containsExactlyElementsOf(ENTRIES_A);
        assertThat(h.problems).isEmpty();
    }

    @Test
    void formatBTitleAndAbstractAlternateAfterTheSubscribeButton() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        h.feed(r, """
                Get trending papers in your email inbox!
                SubscribeFirst Paper Title
                First abstract, one line.
                Second Paper Title
                Second abstract, one line.
                """).finish(r);
        assertThat(h.entries).containsExactly(
                entry("First Paper Title", "First abstract, one line.", null, null, null, null, null, null, null, null, null),
                entry("Second Paper Title", "Second abstract, one line.", null, null, null, null, null, null, null, null, null));
        assertThat(h.problems).isEmpty();
    }

    @Test
    void aPaperUrlOnItsOwnLineGivesTheArxivId() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        h.feed(r, """
                https://huggingface.co/papers/2401.01234
                Linked Title
                Linked abstract text.
                https://huggingface.co/papers/2402.05678
                Next Title
                Next abstract text.
                """).finish(r);
        assertThat(h.entries).extracting(Entry::title, Entry::arxivId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Linked Title", "2401.01234"),
                org.assertj.core.groups.Tuple.tuple("Next Title", "2402.05678"));
    }

    /** Saved and resumed after every line (mid-entry: after the title, the authors, the '·'): the same entries. */
    @Test
    void stateSurvivesASaveAndResumeAfterAnyLine() {
        String[] lines = PAGE_A.split("\n");
        for (int cut = 1; cut < lines.length; cut++) {
            ReaderHarness h = new ReaderHarness();
            PlainTextReader first = new PlainTextReader(h.out, null);
            h.feed(first, String.join("\n", java.util.Arrays.copyOfRange(lines, 0, cut)));
            PlainTextReader.State s = (PlainTextReader.State) ReaderHarness.saved(first.state(), ListingParser.Format.TEXT);
            PlainTextReader resumed = new PlainTextReader(h.out, s);
            h.feed(resumed, String.join("\n", java.util.Arrays.copyOfRange(lines, cut, lines.length))).finish(resumed);
            assertThat(h.entries).as("cut after line %d", cut).containsExactlyElementsOf(ENTRIES_A);
            assertThat(h.problems).as("cut after line %d", cut).isEmpty();
        }
    }

    @Test
    void aMetadataBlockWithoutADateIsAProblemAndTheEntryIsKept() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        h.feed(r, """
                Broken Card Title
                Its abstract.
                • 3 authors
                ·
                not a date at all here
                Next Card Title
                Next abstract.
                """).finish(r);
        assertThat(h.reasons()).containsExactly("5: metadata block without a date");
        assertThat(h.entries).containsExactly(
                entry("Broken Card Title", "Its abstract.", 3, null, null, null, 0, null, null, null, null),
                entry("Next Card Title", "Next abstract.", null, null, null, null, null, null, null, null, null));
    }

    @Test
    void aPageCutInsideAnEntryReportsWhatIsMissing() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        h.feed(r, "Complete Title\nComplete abstract.\n• 2 authors\n·").finish(r);
        assertThat(h.reasons()).containsExactly("4: metadata block without a date at end of page");
        assertThat(h.entries).extracting(Entry::title, Entry::authors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Complete Title", 2));

        ReaderHarness g = new ReaderHarness();
        PlainTextReader q = new PlainTextReader(g.out, null);
        g.feed(q, "Only A Title Here").finish(q);
        assertThat(g.entries).isEmpty();
        assertThat(g.reasons()).containsExactly("1: title with no abstract at end of page");
    }

    @Test
    void titleAndAbstractAreCappedInTheState() {
        ReaderHarness h = new ReaderHarness();
        PlainTextReader r = new PlainTextReader(h.out, null);
        String title = "Title " + "word ".repeat(300);            // 1,506 characters
        String abs = "Abstract " + "sentence ".repeat(1000);     // 9,009 characters
        h.feed(r, title + "\n" + abs);
        PlainTextReader.State s = r.state();
        assertThat(s.title().length()).isLessThanOrEqualTo(ListingParser.MAX_TITLE_CHARS).isGreaterThan(1000);
        assertThat(s.abstractText().length()).isLessThanOrEqualTo(ListingParser.MAX_ABSTRACT_CHARS).isGreaterThan(6000);
        assertThat(h.reasons()).containsExactly("1: title longer than 1024 characters, cut",
                "2: abstract longer than 6144 characters, cut");
        h.finish(r);
        assertThat(h.entries).singleElement().satisfies(e -> assertThat(e.title()).startsWith("Title word word"));
    }
}
