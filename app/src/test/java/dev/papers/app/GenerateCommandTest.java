package dev.papers.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import dev.papers.common.Titles;
import dev.papers.parse.ListingParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesPagesAndExpectedJson() throws Exception {
        Path out = tmp.resolve("corpus");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            code = Papers.commandLine().execute("generate", "--entries", "500", "--dup-rate", "0.3", "--format", "mixed",
                    "--pages", "5", "--seed", "9", "--out", out.toString());
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("generated 500 entries (350 unique papers) on 5 pages");
        JsonNode expected = Json.MAPPER.readTree(Files.readString(out.resolve("expected.json")));
        assertThat(expected.path("entries").asInt()).isEqualTo(500);
        assertThat(expected.path("unique").asInt()).isEqualTo(350);

        List<Path> pages;
        try (Stream<Path> s = Files.list(out)) {
            pages = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(pages).hasSize(5);
        int entries = 0;
        Set<String> titles = new HashSet<>();
        for (Path p : pages) {
            ListingParser.Result r = ListingParser.parseAll(p.getFileName().toString(), Files.readString(p));
            assertThat(r.problems()).isEmpty();
            entries += r.entries().size();
            r.entries().forEach(e -> titles.add(Titles.normalize(e.title())));
        }
        assertThat(entries).isEqualTo(500);
        assertThat(titles).hasSize(350);
    }

    @Test
    void generateHasHelpAndTheBenchCommandsAreNotInTheLauncher() {
        // bench, bench-query, bench-plot: papers-bench (bench module, PapersBenchTest); ./papers forwards to it.
        assertThat(Papers.commandLine().getSubcommands()).doesNotContainKeys("bench", "bench-query", "bench-plot");
        for (String cmd : List.of("generate")) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            PrintStream old = System.out;
            int code;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                code = Papers.commandLine().execute(cmd, "--help");
            } finally {
                System.setOut(old);
            }
            assertThat(code).isZero();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("Usage: papers " + cmd);
        }
    }
}
