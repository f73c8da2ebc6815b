package dev.papers.sink;

import static dev.papers.sink.TestData.get;
import static dev.papers.sink.TestData.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web page in a real headless Chromium: the demo-data papers are published to the sink, the page lists them,
 * a typed query and a clicked tag chip change the result list exactly as the JSON API says they should, and a paper's
 * detail shows its abstract. Leaves a screenshot in {@code target/browser-test/}. Uses the system's Chromium and
 * chromedriver (Debian {@code chromium}, {@code chromium-driver}; the build installs them when it can) so Selenium
 * Manager never downloads anything; without them the test is skipped, saying so. {@code -Dpapers.chromium=PATH} and
 * {@code -Dpapers.chromedriver=PATH} point elsewhere.
 */
@Timeout(240)
class BrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("papers.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("papers.chromedriver", "/usr/bin/chromedriver"));
    static final int PAGE_SIZE = 30; // what index.html asks for

    @Test
    void typedQueryAndClickedTagChangeTheResultList(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver), which are not installed");
        List<Paper> papers = DemoCatalogue.all();
        assertThat(papers).as("papers parsed from demo-data").hasSizeGreaterThan(50);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("broker"), 0)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix("browser-" + suffix + "-");
            try (SinkService sink = SinkService.start(cfg, new SinkOptions("sink-browser-" + suffix, "127.0.0.1", 0,
                    tmp.resolve("state"), Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0")))) {
                String base = sink.baseUrl();
                TestData.publish(cfg, papers);
                TestData.awaitCatalogue(base, papers, Duration.ofSeconds(90));

                // What the page must show, from the JSON API: a query with several hits and a tag that narrows them.
                String query = "diffusion";
                List<String> all = apiIds(base, "");
                List<String> byQuery = apiIds(base, "q=" + query);
                assertThat(byQuery).as("papers matching '%s'", query).hasSizeGreaterThan(2).isNotEqualTo(all);
                String tag = narrowingTag(base, query, get(base, "/papers?limit=1&q=" + query).json().path("total").asInt());
                List<String> byQueryAndTag = apiIds(base, "q=" + query + "&tag=" + enc(tag));

                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM.toFile());
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + tmp.resolve("chromium-profile"));
                ChromeDriver driver = new ChromeDriver(service, options);
                try {
                    driver.get(base + "/");
                    awaitResults(driver, all, "the initial list (by upvotes)");
                    assertThat(driver.findElements(By.cssSelector("#tag-chips .tag-chip"))).isNotEmpty();
                    // list rows come from a projected page (no abstracts) and still show title and upvotes
                    assertThat(driver.findElement(By.id("results")).getDomAttribute("data-query")).contains("fields=");
                    Paper top = papers.stream().filter(p -> p.id().equals(all.get(0))).findFirst().orElseThrow();
                    String firstRow = driver.findElement(By.cssSelector("#results .result")).getText();
                    assertThat(firstRow).contains(top.title()).contains("▲ " + top.upvotes());

                    // The trends chart (shown until a paper is picked) is drawn from /trends: a line per tag, its points
                    // the API's counts, higher counts higher up. Its screenshot is the README's.
                    Path shots = Path.of(System.getProperty("basedir", ".")).resolve("target/browser-test");
                    Files.createDirectories(shots);
                    assertChartDrawsTrends(driver, get(base, "/trends?by=month&top=6").json());
                    Path trendsPng = shots.resolve("trends.png");
                    Files.write(trendsPng, driver.getScreenshotAs(OutputType.BYTES));
                    assertThat(Files.size(trendsPng)).isGreaterThan(10_000);
                    new Select(driver.findElement(By.id("trends-by"))).selectByValue("week");
                    await("weekly trends").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertChartDrawsTrends(driver, get(base, "/trends?by=week&top=6").json()));

                    WebElement box = driver.findElement(By.id("q"));
                    box.sendKeys(query, Keys.ENTER);
                    awaitResults(driver, byQuery, "the list for q=" + query);
                    int queryTotal = get(base, "/papers?limit=1&q=" + query).json().path("total").asInt();
                    assertThat(driver.findElement(By.id("result-summary")).getText()).startsWith(queryTotal + " paper");

                    WebElement chip = driver.findElement(By.cssSelector("#tag-chips .tag-chip[data-tag='" + tag + "']"));
                    chip.click();
                    awaitResults(driver, byQueryAndTag, "the list for q=" + query + " and tag " + tag);
                    assertThat(chip.getDomAttribute("class")).contains("selected");
                    assertThat(byQueryAndTag).isNotEqualTo(byQuery).isNotEmpty();

                    // the detail of the first result: title, abstract, tags
                    driver.findElement(By.cssSelector("#results .result")).click();
                    Paper first = papers.stream().filter(p -> p.id().equals(byQueryAndTag.get(0))).findFirst().orElseThrow();
                    await("detail of " + first.id()).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        assertThat(driver.findElement(By.id("detail")).getText()).contains(first.title());
                        assertThat(driver.findElements(By.cssSelector("#detail .abstract"))).isNotEmpty();
                    });
                    assertThat(driver.findElements(By.cssSelector("#detail-tags .tag-chip[data-tag='" + tag + "']"))).hasSize(1);
                    // The feed and export links follow the query and the selected tag; the detail links to BibTeX.
                    String feed = driver.findElement(By.id("feed-link")).getDomAttribute("href");
                    assertThat(feed).startsWith("/feed.atom?").contains("tag=" + enc(tag));
                    TestData.Resp atom = get(base, feed);
                    assertThat(atom.status()).isEqualTo(200);
                    int matches = get(base, "/papers?limit=1&q=" + query + "&tag=" + enc(tag)).json().path("total").asInt();
                    assertThat(new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(atom.body())).getEntries())
                            .as("feed entries for q=%s tag=%s", query, tag).hasSize(Math.min(Exports.FEED_ENTRIES, matches));
                    assertThat(driver.findElement(By.id("export-link")).getDomAttribute("href")).isEqualTo(feed.replace("/feed.atom", "/papers.ndjson"));
                    assertThat(driver.findElement(By.cssSelector("#detail-links a[href$='.bib']")).getDomAttribute("href"))
                            .isEqualTo("/papers/" + first.id() + ".bib");

                    // a tag's evidence is spelled out on the detail
                    List<WebElement> why = driver.findElements(By.cssSelector("#tag-evidence li"));
                    assertThat(why).extracting(e -> e.getDomAttribute("data-tag")).containsExactlyElementsOf(first.tagNames());
                    assertThat(why.get(0).getText()).contains(first.tags().get(0).evidence());

                    // The feed as a feed reader shows it: the page reads the Atom with the browser's XML parser; the
                    // entries, their links and categories are those ROME reads from the same feed.
                    List<com.rometools.rome.feed.synd.SyndEntry> entries =
                            new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(atom.body())).getEntries();
                    driver.findElement(By.id("feed-preview-link")).click();
                    await("feed preview").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(driver.findElement(By.id("feed-view")).getDomAttribute("data-state")).isEqualTo("ready"));
                    List<WebElement> shownEntries = driver.findElements(By.cssSelector("#feed-view .feed-entry"));
                    assertThat(shownEntries).hasSize(entries.size()).isNotEmpty();
                    for (int i = 0; i < entries.size(); i++) {
                        WebElement a = shownEntries.get(i).findElement(By.cssSelector("a.feed-title"));
                        assertThat(a.getText()).isEqualTo(entries.get(i).getTitle());
                        assertThat(a.getDomAttribute("href")).isEqualTo(entries.get(i).getLink());
                        assertThat(shownEntries.get(i).findElement(By.cssSelector(".feed-categories")).getText()).contains(tag);
                    }
                    Files.write(shots.resolve("feed-preview.png"), driver.getScreenshotAs(OutputType.BYTES));

                    // Sorted by rising, the fastest riser comes first; its detail draws its upvotes per capture.
                    new Select(driver.findElement(By.id("sort"))).selectByValue("rising");
                    List<String> rising = ids(get(base, "/papers?sort=rising&limit=" + PAGE_SIZE + "&q=" + query + "&tag=" + enc(tag)).json().path("items"));
                    awaitResults(driver, rising, "the list by rising");
                    driver.get(base + "/");
                    new Select(driver.findElement(By.id("sort"))).selectByValue("rising");
                    List<String> risingAll = ids(get(base, "/papers?sort=rising&limit=" + PAGE_SIZE).json().path("items"));
                    Paper riser = DemoCatalogue.rising().get(0);
                    assertThat(risingAll.get(0)).isEqualTo(riser.id());
                    awaitResults(driver, risingAll, "the whole list by rising");
                    driver.findElement(By.cssSelector("#results .result")).click();
                    await("sparkline of " + riser.id()).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(driver.findElement(By.id("sparkline")).getDomAttribute("data-upvotes")).isEqualTo("2,14,32"));
                    List<double[]> spark = points(driver.findElement(By.cssSelector("#sparkline polyline")).getDomAttribute("points"));
                    assertThat(spark).hasSize(3);
                    assertThat(spark.get(0)[1]).as("more upvotes, higher up").isGreaterThan(spark.get(1)[1]);
                    assertThat(spark.get(1)[1]).isGreaterThan(spark.get(2)[1]);
                    assertThat(spark.get(0)[0]).as("later, further right").isLessThan(spark.get(1)[0]);

                    Path png = shots.resolve("search-and-tag.png");
                    Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
                    assertThat(Files.size(png)).isGreaterThan(10_000);
                } finally {
                    driver.quit();
                    service.stop();
                }
            }
        }
    }

    /** The chart shows one line per tag of {@code trends}, in its order, each through the API's counts. */
    private static void assertChartDrawsTrends(ChromeDriver driver, JsonNode trends) {
        await("trends chart").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(driver.findElement(By.id("trends-chart")).getDomAttribute("data-state")).isEqualTo("ready"));
        List<WebElement> lines = driver.findElements(By.cssSelector("#trends-chart polyline.series"));
        assertThat(lines).extracting(l -> l.getDomAttribute("data-tag")).containsExactlyElementsOf(trends.path("tags").findValuesAsText("tag"));
        assertThat(lines).hasSizeGreaterThan(2);
        int periods = trends.path("periods").size();
        assertThat(periods).isGreaterThan(3);
        for (int k = 0; k < lines.size(); k++) {
            JsonNode counts = trends.path("tags").get(k).path("counts");
            List<double[]> pts = points(lines.get(k).getDomAttribute("points"));
            assertThat(pts).hasSize(periods);
            // by count: a higher count is drawn strictly higher (smaller y), an equal one at the same height
            List<Integer> byCount = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, periods).boxed().toList());
            byCount.sort(java.util.Comparator.comparingLong(i -> counts.get(i).asLong()));
            for (int n = 1; n < periods; n++) {
                int lo = byCount.get(n - 1), hi = byCount.get(n);
                if (counts.get(hi).asLong() > counts.get(lo).asLong()) {
                    assertThat(pts.get(hi)[1]).as("%s: %d papers drawn above %d", lines.get(k).getDomAttribute("data-tag"),
                            counts.get(hi).asLong(), counts.get(lo).asLong()).isLessThan(pts.get(lo)[1]);
                } else {
                    assertThat(pts.get(hi)[1]).isEqualTo(pts.get(lo)[1]);
                }
            }
            for (int i = 1; i < periods; i++) assertThat(pts.get(i)[0]).as("periods left to right").isGreaterThan(pts.get(i - 1)[0]);
        }
    }

    /** An SVG {@code points} attribute as (x, y) pairs. */
    private static List<double[]> points(String attr) {
        return java.util.Arrays.stream(attr.trim().split("\\s+")).map(p -> {
            String[] xy = p.split(",");
            return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }).toList();
    }

    /** Waits until the page shows exactly {@code expected} (in order) and has finished loading. */
    private static void awaitResults(ChromeDriver driver, List<String> expected, String what) {
        await(what).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(driver.findElement(By.id("results")).getDomAttribute("data-state")).isEqualTo("ready");
            List<String> shown = driver.findElements(By.cssSelector("#results .result")).stream()
                    .map(e -> e.getDomAttribute("data-id")).toList();
            assertThat(shown).containsExactlyElementsOf(expected);
        });
    }

    /** First page (as the page asks for it) of the API's answer, ids in order. */
    private static List<String> apiIds(String base, String params) {
        TestData.Resp r = get(base, "/papers?sort=upvotes&limit=" + PAGE_SIZE + (params.isEmpty() ? "" : "&" + params));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ids(r.json().path("items"));
    }

    /** The most frequent tag (of those shown as chips) that keeps some but not all of the query's papers. */
    private static String narrowingTag(String base, String query, int queryTotal) {
        for (JsonNode t : get(base, "/tags").json()) {
            String tag = t.path("tag").asText();
            int n = get(base, "/papers?limit=1&q=" + query + "&tag=" + enc(tag)).json().path("total").asInt();
            if (n > 0 && n < queryTotal) return tag;
        }
        throw new AssertionError("no tag narrows the papers matching " + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
