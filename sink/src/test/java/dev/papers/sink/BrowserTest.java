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

                    Path shots = Path.of(System.getProperty("basedir", ".")).resolve("target/browser-test");
                    Files.createDirectories(shots);
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
