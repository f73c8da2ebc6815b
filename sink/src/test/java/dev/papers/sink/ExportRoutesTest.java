package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export routes on a real sink holding the demo-data papers: feeds read back by a feed parser hold exactly the
 * papers the filters select (computed here from the fixture papers), newest first; NDJSON streams every match; BibTeX
 * per paper; bad parameters are 400s naming the parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ExportRoutesTest {
    @TempDir
    static Path tmp;
    DemoSink running;
    String base;
    List<Paper> demo;

    @BeforeAll
    void start() throws Exception {
        running = DemoSink.start(tmp, "export");
        base = running.base;
        demo = running.papers;
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) running.close();
    }

    /** The most common tag of the fixture, and a vote threshold that keeps some but not all of its papers. */
    String tag() {
        return demo.stream().flatMap(p -> p.tagNames().stream()).filter(t -> !t.startsWith("kw:"))
                .collect(Collectors.groupingBy(t -> t, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void atomFeedOfATagAndAVoteFloorHoldsExactlyThosePapersNewestFirst() throws Exception {
        String tag = tag();
        List<Integer> votes = demo.stream().filter(p -> p.tagNames().contains(tag) && p.upvotes() != null).map(Paper::upvotes)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(votes).as("papers of %s with upvotes", tag).hasSizeGreaterThan(2);
        // The lowest vote floor that keeps at most a feed's worth of the tag's papers (and not all of them).
        int lowest = votes.get(0);
        for (int v : votes) if (votes.stream().filter(x -> x >= v).count() <= Exports.FEED_ENTRIES && v > 0) lowest = v;
        int floor = lowest;
        Set<String> expected = demo.stream().filter(p -> p.tagNames().contains(tag) && p.upvotes() != null && p.upvotes() >= floor)
                .map(p -> p.title()).collect(Collectors.toSet());
        assertThat(expected).isNotEmpty().hasSizeLessThanOrEqualTo(Exports.FEED_ENTRIES);
        TestData.Resp r = get(base, "/feed.atom?tag=" + tag + "&min-upvotes=" + floor);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("content-type").orElse("")).startsWith("application/atom+xml");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(r.body()));
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactlyInAnyOrderElementsOf(expected);
        Date previous = null;
        for (SyndEntry e : feed.getEntries()) {
            assertThat(e.getCategories()).extracting(SyndCategory::getName).contains(tag);
            assertThat(e.getDescription().getValue()).isNotBlank();
            if (previous != null) assertThat(e.getPublishedDate()).isBeforeOrEqualTo(previous);
            previous = e.getPublishedDate();
        }
        SyndFeed rss = new SyndFeedInput().build(new StringReader(get(base, "/feed.rss?tag=" + tag + "&min-upvotes=" + floor).body()));
        assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
        assertThat(rss.getEntries()).hasSize(expected.size());
    }

    @Test
    void ndjsonStreamsEveryMatchAndSinceFilters() throws Exception {
        String all = get(base, "/papers.ndjson").body();
        List<String> lines = all.lines().toList();
        assertThat(lines).hasSize(demo.size());
        assertThat(lines.stream().map(l -> Json.read(l, Paper.class).id()).collect(Collectors.toSet()))
                .isEqualTo(demo.stream().map(Paper::id).collect(Collectors.toSet()));
        String tag = tag();
        assertThat(get(base, "/papers.ndjson?tag=" + tag).body().lines().count())
                .isEqualTo(demo.stream().filter(p -> p.tagNames().contains(tag)).count());
        LocalDate since = LocalDate.parse("2024-01-01");
        long recent = demo.stream().filter(p -> !Exports.day(p).isBefore(since)).count();
        assertThat(recent).isPositive().isLessThan(demo.size());
        assertThat(get(base, "/papers.ndjson?since=2024-01-01").body().lines().count()).isEqualTo(recent);
    }

    @Test
    void bibtexOfAPaper() {
        Paper p = demo.get(0);
        TestData.Resp r = get(base, "/papers/" + p.id() + ".bib");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("@misc{").contains("title = {{" + p.title() + "}}").endsWith("}\n");
        assertThat(get(base, "/papers/nope.bib").status()).isEqualTo(404);
    }

    @Test
    void badParametersAreNamed() {
        for (String[] c : new String[][] {{"/feed.atom?min-upvotes=many", "min-upvotes"}, {"/feed.rss?since=yesterday", "since"},
                {"/papers.ndjson?min-upvotes=-1", "min-upvotes"}, {"/papers.ndjson?tag=", "tag"}}) {
            TestData.Resp r = get(base, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            JsonNode body = r.json();
            assertThat(body.toString()).as(c[0]).contains(c[1]);
        }
    }
}
