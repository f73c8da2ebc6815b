package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines from pieces cut anywhere: LF, CRLF (also split over two pieces), lone CR; over-long lines skipped. */
class LineSplitterTest {
    final PageOutput out = new PageOutput("t", 0, false);
    final List<String> lines = new ArrayList<>();

    void collect(long n, String raw) {
        lines.add(n + ":" + raw);
    }

    @Test
    void everyLineEndingAndACrLfSplitAcrossPieces() {
        LineSplitter s = new LineSplitter(out, null, 0, false);
        for (String piece : List.of("one\r", "\ntwo\rthr", "ee\n\nfi", "ve")) s.feed(piece, this::collect);
        s.finish(this::collect);
        assertThat(lines).containsExactly("1:one", "2:two", "3:three", "4:", "5:five");
        assertThat(out.drainProblems()).isEmpty();
    }

    @Test
    void aPieceEndingOnCrIsResolvedByTheNextPieceAfterASaveAndResume() {
        LineSplitter s = new LineSplitter(out, null, 0, false);
        s.feed("alpha\r\nbe", this::collect);
        s.feed("ta\r", this::collect);
        // What the parser's state keeps of the splitter: the unfinished line (with its CR), the count, the skip flag.
        LineSplitter resumed = new LineSplitter(out, s.partial(), s.lineNo(), s.skippingLongLine());
        assertThat(resumed.partial()).isEqualTo("beta\r");
        resumed.feed("\ngamma", this::collect);
        resumed.finish(this::collect);
        assertThat(lines).containsExactly("1:alpha", "2:beta", "3:gamma");
    }

    @Test
    void aLineLongerThanTheBoundIsSkippedReportedAndStillCounted() {
        LineSplitter s = new LineSplitter(out, null, 0, false);
        String chunk = "x".repeat(5000);
        s.feed("first\n", this::collect);
        for (int i = 0; i < 5; i++) {
            s.feed(chunk, this::collect); // 25,000 characters without an end
            assertThat(s.partial().length()).isLessThanOrEqualTo(ListingParser.MAX_LINE_CHARS);
        }
        s.feed("\nafter\n", this::collect);
        s.finish(this::collect);
        assertThat(lines).containsExactly("1:first", "3:after");
        assertThat(out.drainProblems()).extracting(p -> p.line() + ": " + p.reason())
                .containsExactly("2: line longer than 16384 characters, skipped");
    }
}
