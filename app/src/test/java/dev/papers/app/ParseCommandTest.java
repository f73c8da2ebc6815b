package dev.papers.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    List<JsonNode> lines() throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.toString(StandardCharsets.UTF_8).split("\n")) if (!s.isBlank()) l.add(Json.MAPPER.readTree(s));
        return l;
    }

    @Test
    void printsOneObjectPerEntryWithExactlyTheContractFields() throws Exception {
        int code = Papers.commandLine().execute("parse", "../demo-data/000_d84dd5f55e8a7a8b.txt");
        assertThat(code).isZero();
        List<JsonNode> l = lines();
        assertThat(l).hasSize(55);
        List<String> names = new ArrayList<>();
        l.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("source", "id", "title", "abstract", "authors", "organization", "publishedText",
                "published", "upvotes", "pageDate");
        assertThat(l.get(0).path("source").asText()).isEqualTo("000_d84dd5f55e8a7a8b.txt");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void uniqueMergesAcrossFilesWithSources() throws Exception {
        Path[] seeds;
        try (var s = Files.list(Path.of("..", "demo-data"))) {
            seeds = s.sorted().toArray(Path[]::new);
        }
        List<String> args = new ArrayList<>(List.of("parse", "--unique"));
        for (Path p : seeds) args.add(p.toString());
        assertThat(Papers.commandLine().execute(args.toArray(String[]::new))).isZero();
        List<JsonNode> l = lines();
        assertThat(l.stream().map(n -> n.path("id").asText()).distinct().count()).isEqualTo(l.size());
        assertThat(l).anySatisfy(n -> assertThat(n.path("sources").size()).isGreaterThan(1));
        assertThat(l).allSatisfy(n -> assertThat(n.path("sources").get(0).asText()).isEqualTo(n.path("source").asText()));
    }

    @Test
    void uniqueReportsAnArxivIdFoundOnTwoTitles(@TempDir Path dir) throws Exception {
        String api = "[{\"title\":\"%s\",\"publishedAt\":\"2024-05-02T00:00:00.000Z\",\"paper\":{\"id\":\"%s\","
                + "\"summary\":\"An abstract long enough to be one.\",\"authors\":[{\"name\":\"A\"}],\"upvotes\":3}}]";
        Path a = Files.writeString(dir.resolve("a.json"), api.formatted("Old Name of a Paper", "2405.01234"));
        Path b = Files.writeString(dir.resolve("b.json"), api.formatted("New Name of the Paper", "2405.01234"));
        Path c = Files.writeString(dir.resolve("c.json"), api.formatted("Old name of a paper!", "2405.01234"));
        Path d = Files.writeString(dir.resolve("d.json"), api.formatted("Another Paper", "2405.09999"));

        assertThat(Papers.commandLine().execute("parse", "--unique", a.toString(), b.toString(), c.toString(), d.toString())).isZero();

        assertThat(lines()).hasSize(3);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .matches("arXiv 2405\\.01234 is on 2 titles: \"Old Name of a Paper\" \\([0-9a-f]{16}\\) \\| \"New Name of the Paper\" \\([0-9a-f]{16}\\)");
    }

    @Test
    void badFilesAreReportedOnStderrAndGoodEntriesStillPrinted(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.txt");
        Files.writeString(good, "Daily Papers\n\nA Title\n\nAn abstract long enough to count.\n\nOrphan\n");
        Path html = dir.resolve("page.html");
        Files.writeString(html, "<!DOCTYPE html>\n<html></html>\n");
        Path bin = dir.resolve("bin.txt");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
        int code = Papers.commandLine().execute("parse", good.toString(), html.toString(), bin.toString(), dir.resolve("missing.txt").toString());
        assertThat(code).isEqualTo(2);
        assertThat(lines()).singleElement().satisfies(n -> assertThat(n.path("title").asText()).isEqualTo("A Title"));
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).contains(
                "good.txt: line 7: title with no abstract at end of page",
                "page.html: line 0: HTML page without the DailyPapers list (data-props); no entries in its visible text either")
                .anySatisfy(l -> assertThat(l).startsWith("bin.txt: line 1: binary"))
                .anySatisfy(l -> assertThat(l).startsWith("missing.txt: line 0: cannot read file"));
    }

    static final Path FORMS = Path.of("..", "parser", "src", "test", "resources", "forms");

    static List<String> fixtures() throws Exception {
        try (var s = Files.walk(FORMS)) {
            return s.filter(Files::isRegularFile).map(Path::toString)
                    .filter(p -> !p.endsWith(".jsonl") && !p.endsWith(".py")).sorted().toList();
        }
    }

    /** Title recall and precision of {@code papers parse --unique} over every form fixture, against their known titles. */
    @Test
    void uniqueRecallAndPrecisionOnEveryPageForm() throws Exception {
        List<String> args = new ArrayList<>(List.of("parse", "--unique"));
        args.addAll(fixtures());
        Papers.commandLine().execute(args.toArray(String[]::new));
        java.util.Set<String> want = new java.util.HashSet<>();
        for (String f : fixtures()) {
            Path exp = Path.of(f.substring(0, f.lastIndexOf('.')) + ".expected.jsonl");
            for (String l : Files.readAllLines(exp)) {
                if (!l.isBlank()) want.add(dev.papers.common.Titles.normalize(Json.MAPPER.readTree(l).path("title").asText()));
            }
        }
        java.util.Set<String> got = new java.util.HashSet<>();
        for (JsonNode n : lines()) got.add(dev.papers.common.Titles.normalize(n.path("title").asText()));
        java.util.Set<String> hit = new java.util.HashSet<>(got);
        hit.retainAll(want);
        double recall = 100.0 * hit.size() / want.size();
        double precision = 100.0 * hit.size() / got.size();
        oldOut.printf("papers parse --unique on %d form fixtures: %d titles expected, %d printed, recall %.2f%%, precision %.2f%%%n",
                fixtures().size(), want.size(), got.size(), recall, precision);
        assertThat(recall).isGreaterThanOrEqualTo(99.0);
        assertThat(precision).isGreaterThanOrEqualTo(99.0);
        assertThat(lines()).anySatisfy(n -> assertThat(n.path("arxivId").asText()).matches("\\d{4}\\.\\d{5}"));
    }

    @Test
    void formatCanBeForcedAndIsValidated(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("page.txt");
        Files.writeString(md, "### A Title\n\nAn abstract long enough to count.\n\n- 3 authors\n\nJan 5, 20242\n");
        assertThat(Papers.commandLine().execute("parse", "--format", "markdown", md.toString())).isZero();
        assertThat(lines()).singleElement().satisfies(n -> {
            assertThat(n.path("title").asText()).isEqualTo("A Title");
            assertThat(n.path("authors").asInt()).isEqualTo(3);
            assertThat(n.path("comments").asInt()).isEqualTo(2);
        });
        assertThat(Papers.commandLine().execute("parse", "--format", "pdf", md.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'pdf' is not a page form");
    }
}
