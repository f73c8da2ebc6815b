package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Titles;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one line reader as {@link ListingParser} does (lines stripped, blanks apart, indented lines marked), and
 * saves a reader's state the way the processor does: inside {@link ListingParser.State}, written and read as JSON.
 */
final class ReaderHarness {
    static final String SOURCE = "t";

    final PageOutput out = new PageOutput(SOURCE, 0, false);
    final List<Entry> entries = new ArrayList<>();
    final List<ListingParser.Problem> problems = new ArrayList<>();
    private long n;

    /** The lines of {@code text} (a final newline ends the last line, it does not add a blank one). */
    ReaderHarness feed(LineReader r, String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String raw : t.split("\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) r.blank(n);
            else if (Character.isWhitespace(raw.charAt(0))) r.indentedLine(n, line);
            else r.line(n, line);
        }
        drain();
        return this;
    }

    ReaderHarness finish(LineReader r) {
        r.finish(n);
        drain();
        return this;
    }

    private void drain() {
        entries.addAll(out.drainEntries());
        problems.addAll(out.drainProblems());
    }

    List<String> reasons() {
        return problems.stream().map(p -> p.line() + ": " + p.reason()).toList();
    }

    /** The reader's state after a trip through the processor's store; asserted equal to what was saved. */
    static ReaderState saved(ReaderState s, ListingParser.Format form) {
        ListingParser.State st = new ListingParser.State(SOURCE, 0, "", false, false, 0, form, form, null, null, s);
        String json = Json.write(st);
        ReaderState back = Json.read(json, ListingParser.State.class).reader();
        assertThat(back).as("state after a JSON round trip: %s", json).isEqualTo(s);
        return back;
    }

    /** An entry as written by hand; the id is the catalogue's id of the title. */
    static Entry entry(String title, String abs, Integer authors, String org, String publishedText, String published,
                       Integer upvotes, String pageDate, String arxiv, List<String> names, Integer comments) {
        return new Entry(SOURCE, Titles.id(title), title, abs, authors, org, publishedText, published, upvotes, pageDate,
                arxiv, names, comments);
    }
}
