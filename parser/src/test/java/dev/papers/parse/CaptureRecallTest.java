package dev.papers.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The yardstick of issue #20: real captures of the Daily Papers listing that other people's tools made and committed
 * to public repositories ({@code src/test/resources/captures}, see its PROVENANCE.md). Each capture's expected titles
 * ({@code <name>.titles.txt}) and one entry ({@code <name>.entry.json}) were written by reading the capture, not by
 * running this parser, so a miss here is the parser's, not the fixture's.
 */
@Timeout(120)
class CaptureRecallTest {
    static final Path CAPTURES = Path.of("src", "test", "resources", "captures");
    static final double MIN_RECALL = 0.98;
    static final double MIN_PRECISION = 0.98;

    /** Page chrome, feed and channel titles and query strings of these captures: never a paper. */
    static final Set<String> NAVIGATION = Set.of(
            "new", "daily papers", "trending papers", "hugging face", "hugging face papers", "hugging face papers rss",
            "daily papers - hugging face", "get trending papers in your email inbox!",
            "get trending papers in your email inbox once a day!", "subscribe", "daily", "weekly", "monthly",
            "by ak and the research community", "ak", "and the research community", "models", "datasets", "spaces",
            "buckets new", "docs", "enterprise", "pricing", "log in", "sign up", "previous", "next",
            "trending papers ranked by github stars activity", "intercode bash", "submitted by", "upvote",
            "latest ai research papers from hugging face", "this is a website scraping rss feed for the huggingface papers.",
            "hf daily papers mirror", "daily huggingface papers mirrored for access from china",
            "what is papers with code?");

    record Capture(Path file, List<String> expectedTitles) {
        String name() {
            return CAPTURES.relativize(file).toString();
        }
    }

    record Score(int expected, int found, int matched) {
        double recall() {
            return expected == 0 ? 1.0 : (double) matched / expected;
        }

        double precision() {
            return found == 0 ? 0.0 : (double) matched / found;
        }
    }

    static final Map<Path, ListingParser.Result> PARSED = new ConcurrentHashMap<>();

    static List<Capture> captures() throws IOException {
        try (Stream<Path> files = Files.walk(CAPTURES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".titles.txt")).sorted()
                    .map(CaptureRecallTest::capture).toList();
        }
    }

    /** The capture beside {@code <name>.titles.txt}: the one other file called {@code <name>.<ext>}. */
    static Capture capture(Path titles) {
        String base = titles.getFileName().toString().replace(".titles.txt", "");
        try (Stream<Path> siblings = Files.list(titles.getParent())) {
            List<Path> pages = siblings.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base + ".") && !n.endsWith(".titles.txt") && !n.endsWith(".entry.json")
                        && n.indexOf('.', base.length() + 1) < 0;
            }).toList();
            assertThat(pages).as("the capture beside %s", titles).hasSize(1);
            List<String> expected = Files.readAllLines(titles, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(CaptureRecallTest::norm).toList();
            return new Capture(pages.get(0), expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ListingParser.Result parse(Capture c) {
        return PARSED.computeIfAbsent(c.file(), f -> {
            try {
                return ListingParser.parseAll(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Only whitespace is normalised: the titles must come out as a reader sees them. */
    static String norm(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    static Set<String> titles(ListingParser.Result r) {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : r.entries()) out.add(norm(e.title()));
        return out;
    }

    static Score score(Capture c) {
        Set<String> expected = new LinkedHashSet<>(c.expectedTitles());
        Set<String> found = titles(parse(c));
        int matched = (int) found.stream().filter(expected::contains).count();
        return new Score(expected.size(), found.size(), matched);
    }

    @Test
    void everyCaptureHasExpectedTitlesAndTheFormsOfTheIssueAreCovered() throws IOException {
        List<Capture> all = captures();
        assertThat(all.stream().map(Capture::name).toList()).hasSizeGreaterThanOrEqualTo(8);
        for (Capture c : all) assertThat(c.expectedTitles()).as(c.name()).isNotEmpty().doesNotHaveDuplicates();
        Set<String> forms = new LinkedHashSet<>();
        for (Capture c : all) forms.add(c.file().getParent().getFileName().toString());
        assertThat(forms).contains("firecrawl-markdown", "url-lines-text", "rss", "json-feed");
    }

    @Test
    void titleRecallAndPrecisionOverAllRealCaptures() throws IOException {
        int expected = 0, found = 0, matched = 0;
        StringBuilder report = new StringBuilder("capture recall/precision (expected, found, matched)\n");
        List<String> misses = new ArrayList<>();
        for (Capture c : captures()) {
            Score s = score(c);
            expected += s.expected();
            found += s.found();
            matched += s.matched();
            report.append(String.format(Locale.ROOT, "  %-62s recall %.3f  precision %.3f  (%d, %d, %d)%n",
                    c.name(), s.recall(), s.precision(), s.expected(), s.found(), s.matched()));
            Set<String> got = titles(parse(c));
            c.expectedTitles().stream().filter(t -> !got.contains(t)).limit(3)
                    .forEach(t -> misses.add(c.name() + ": missing \"" + t + "\""));
            got.stream().filter(t -> !c.expectedTitles().contains(t)).limit(3)
                    .forEach(t -> misses.add(c.name() + ": not a listed paper \"" + t + "\""));
        }
        Score all = new Score(expected, found, matched);
        report.append(String.format(Locale.ROOT, "  %-62s recall %.3f  precision %.3f  (%d, %d, %d)%n",
                "ALL", all.recall(), all.precision(), expected, found, matched));
        System.out.print(report);
        misses.forEach(m -> System.out.println("  " + m));

        assertThat(all.recall()).as("title recall over all captures\n%s", report).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(all.precision()).as("title precision over all captures\n%s", report)
                .isGreaterThanOrEqualTo(MIN_PRECISION);
    }

    @Test
    void noNavigationTextIsEverATitle() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        for (Capture c : captures()) {
            for (String t : titles(parse(c))) {
                String lower = t.toLowerCase(Locale.ROOT);
                soft.assertThat(NAVIGATION).as("%s: a title that is page chrome", c.name()).doesNotContain(lower);
                soft.assertThat(lower).as("%s: a title that is a URL", c.name()).doesNotStartWith("http");
            }
        }
        soft.assertAll();
    }

    @TestFactory
    Stream<DynamicTest> theEntryCheckedByHandInEachCapture() throws IOException {
        return captures().stream().map(c -> {
            Path json = c.file().resolveSibling(
                    c.file().getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".entry.json");
            return DynamicTest.dynamicTest(c.name(), () -> {
                assertThat(json).as("hand-checked entry of %s", c.name()).exists();
                checkEntry(c, Json.MAPPER.readTree(json.toFile()));
            });
        });
    }

    static void checkEntry(Capture c, JsonNode want) {
        String title = norm(want.get("title").asText());
        assertThat(c.expectedTitles()).as("the hand-checked entry is one of the listed titles").contains(title);
        List<Entry> same = parse(c).entries().stream().filter(e -> norm(e.title()).equals(title)).toList();
        assertThat(same).as("%s: an entry titled \"%s\"", c.name(), title).isNotEmpty();
        Entry e = same.get(0);
        SoftAssertions soft = new SoftAssertions();
        String abs = norm(e.abstractText());
        if (want.has("abstractStart"))
            soft.assertThat(abs).as("abstract start").startsWith(norm(want.get("abstractStart").asText()));
        if (want.has("abstractEnd"))
            soft.assertThat(abs).as("abstract end").endsWith(norm(want.get("abstractEnd").asText()));
        if (want.has("authors")) soft.assertThat(e.authors()).as("authors").isEqualTo(want.get("authors").asInt());
        if (want.has("authorNames")) {
            List<String> names = new ArrayList<>();
            want.get("authorNames").forEach(n -> names.add(n.asText()));
            soft.assertThat(e.authorNames()).as("author names").isEqualTo(names);
        }
        if (want.has("organization"))
            soft.assertThat(e.organization()).as("organization").isEqualTo(want.get("organization").asText());
        if (want.has("published"))
            soft.assertThat(e.published()).as("published").isEqualTo(want.get("published").asText());
        if (want.has("upvotes")) soft.assertThat(e.upvotes()).as("upvotes").isEqualTo(want.get("upvotes").asInt());
        if (want.has("comments"))
            soft.assertThat(e.comments()).as("comments").isEqualTo(want.get("comments").asInt());
        if (want.has("arxivId")) soft.assertThat(e.arxivId()).as("arXiv id").isEqualTo(want.get("arxivId").asText());
        soft.assertAll();
    }
}
