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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.TreeMap;
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
 * The routes for people following papers, on a real sink holding the demo-data papers and four captured several
 * times ({@link DemoCatalogue#rising}): feeds read back by a feed parser hold exactly the papers the filters select
 * (computed here from the fixture papers), newest first; NDJSON streams every match; BibTeX per paper; trends count
 * papers per week and month as counted here from the fixtures; {@code sort=rising} orders by upvotes gained per day;
 * bad parameters are 400s naming the parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ReaderRoutesTest {
    @TempDir
    static Path tmp;
    DemoSink running;
    String base;
    List<Paper> demo;

    @BeforeAll
    void start() throws Exception {
        running = DemoSink.start(tmp, "reader");
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
    void trendsCountPapersPerWeekAndPerMonthPerTag() {
        for (String by : List.of("week", "month")) {
            // expected, from the fixtures: each paper on its publication day, else the day first seen
            Map<String, Long> total = new TreeMap<>();
            Map<String, Map<String, Long>> byTag = new HashMap<>();
            for (Paper p : demo) {
                LocalDate d;
                try {
                    d = LocalDate.parse(p.published());
                } catch (RuntimeException e) {
                    d = Instant.ofEpochMilli(p.firstSeen()).atZone(ZoneOffset.UTC).toLocalDate();
                }
                String period = by.equals("week") ? d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString()
                        : d.toString().substring(0, 7);
                total.merge(period, 1L, Long::sum);
                for (String t : new java.util.LinkedHashSet<>(p.tagNames())) byTag.computeIfAbsent(t, k -> new HashMap<>()).merge(period, 1L, Long::sum);
            }
            List<String> periods = new ArrayList<>();
            String first = ((TreeMap<String, Long>) total).firstKey(), last = ((TreeMap<String, Long>) total).lastKey();
            for (String p = first; p.compareTo(last) <= 0; ) {
                periods.add(p);
                p = by.equals("week") ? LocalDate.parse(p).plusWeeks(1).toString() : YearMonth.parse(p).plusMonths(1).toString();
            }
            // the demo pages span more than five years of weeks: the oldest are left out, and the answer says so
            boolean truncated = periods.size() > Trends.MAX_PERIODS;
            if (truncated) periods = periods.subList(periods.size() - Trends.MAX_PERIODS, periods.size());
            assertThat(truncated).as("truncated by %s", by).isEqualTo(by.equals("week"));
            List<String> top = byTag.entrySet().stream().filter(e -> !e.getKey().startsWith("kw:"))
                    .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -e.getValue().values().stream().mapToLong(Long::longValue).sum())
                            .thenComparing(Map.Entry::getKey))
                    .limit(3).map(Map.Entry::getKey).toList();

            TestData.Resp r = get(base, "/trends?by=" + by + "&top=3");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode t = r.json();
            assertThat(t.path("by").asText()).isEqualTo(by);
            assertThat(t.path("truncated").asBoolean()).isEqualTo(truncated);
            assertThat(texts(t.path("periods"))).containsExactlyElementsOf(periods);
            List<String> shown = periods;
            assertThat(longs(t.path("total"))).containsExactlyElementsOf(shown.stream().map(p -> total.getOrDefault(p, 0L)).toList());
            assertThat(t.path("tags").findValuesAsText("tag")).containsExactlyElementsOf(top);
            for (JsonNode series : t.path("tags")) {
                Map<String, Long> want = byTag.get(series.path("tag").asText());
                assertThat(longs(series.path("counts"))).as("%s per %s", series.path("tag").asText(), by)
                        .containsExactlyElementsOf(shown.stream().map(p -> want.getOrDefault(p, 0L)).toList());
            }
            // a tag asked for by name, keyphrase or not, in the order asked
            String some = top.get(2);
            JsonNode asked = get(base, "/trends?by=" + by + "&tag=" + some + "&tag=no-such-tag").json().path("tags");
            assertThat(asked.findValuesAsText("tag")).containsExactly(some, "no-such-tag");
            assertThat(asked.get(1).path("total").asLong()).isZero();
        }
    }

    @Test
    void risingOrdersByUpvotesGainedPerDayOverTheLastWeek() {
        List<Paper> rising = DemoCatalogue.rising();
        JsonNode top = get(base, "/papers?sort=rising&limit=2").json();
        assertThat(TestData.ids(top.path("items"))).containsExactly(rising.get(0).id(), rising.get(1).id());
        assertThat(TestData.ids(get(base, "/papers?sort=rising&order=asc&limit=1").json().path("items"))).containsExactly(rising.get(3).id());
        // every paper exactly once when paged through by cursor
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get(base, "/papers?sort=rising&limit=40" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            seen.addAll(TestData.ids(page.path("items")));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(demo.stream().map(Paper::id).toList());
        assertThat(seen.indexOf(rising.get(2).id())).as("a gain older than the window does not count")
                .isGreaterThan(1).isLessThan(seen.size() - 1);
        // the history is on the paper
        JsonNode history = get(base, "/papers/" + rising.get(0).id()).json().path("history");
        assertThat(history.findValuesAsText("upvotes")).containsExactly("2", "14", "32");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void badParametersAreNamed() {
        for (String[] c : new String[][] {{"/feed.atom?min-upvotes=many", "min-upvotes"}, {"/feed.rss?since=yesterday", "since"},
                {"/papers.ndjson?min-upvotes=-1", "min-upvotes"}, {"/papers.ndjson?tag=", "tag"}, {"/trends?by=day", "by"},
                {"/trends?top=0", "top"}, {"/trends?tag=", "tag"}, {"/papers?sort=falling", "sort"}}) {
            TestData.Resp r = get(base, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            JsonNode body = r.json();
            assertThat(body.toString()).as(c[0]).contains(c[1]);
        }
    }
}
