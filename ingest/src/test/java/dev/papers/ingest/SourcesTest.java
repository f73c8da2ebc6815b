package dev.papers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
    @TempDir
    Path dir;

    @Test
    void folderIsSearchedRecursivelyForEveryPageFormSortedByPath() throws IOException {
        Files.createDirectories(dir.resolve("b/deep"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("z.txt"), "z");
        Files.writeString(dir.resolve("b/deep/2.txt"), "2");
        Files.writeString(dir.resolve("a/1.txt"), "1");
        Files.writeString(dir.resolve("a/capture.md"), "md");
        Files.writeString(dir.resolve("b/daily_papers.JSON"), "[]");
        Files.writeString(dir.resolve("b/saved.html"), "<html>");
        Files.writeString(dir.resolve("b/old.htm"), "<html>");
        Files.writeString(dir.resolve("b/feed.xml"), "<rss/>");
        Files.writeString(dir.resolve("b/papers.rss"), "<rss/>");
        Files.writeString(dir.resolve("b/papers.atom"), "<feed/>");
        Files.writeString(dir.resolve("a/image.png"), "no");
        Files.writeString(dir.resolve("a/.hidden.txt"), "no");
        Files.writeString(dir.resolve("b/deep/notes.txt.bak"), "no");
        Files.writeString(dir.resolve("expected.json"), "{\"entries\": 1}"); // the `papers generate` manifest

        List<Sources.Source> found = Sources.discover(List.of(dir.toString()));

        assertThat(found).extracting(Sources.Source::path).containsExactly(
                dir.resolve("a/1.txt"), dir.resolve("a/capture.md"), dir.resolve("b/daily_papers.JSON"),
                dir.resolve("b/deep/2.txt"), dir.resolve("b/feed.xml"), dir.resolve("b/old.htm"), dir.resolve("b/papers.atom"),
                dir.resolve("b/papers.rss"), dir.resolve("b/saved.html"), dir.resolve("z.txt"));
        assertThat(found).extracting(Sources.Source::name).containsExactly(
                "1.txt", "capture.md", "daily_papers.JSON", "2.txt", "feed.xml", "old.htm", "papers.atom", "papers.rss", "saved.html", "z.txt");
    }

    @Test
    void fileIsItselfAndDashIsStdinInGivenOrder() throws IOException {
        Path f = Files.writeString(dir.resolve("page.html"), "x");
        List<Sources.Source> found = Sources.discover(List.of(f.toString(), "-"));
        assertThat(found).containsExactly(new Sources.Source("page.html", f), new Sources.Source("stdin", null));
    }

    @Test
    void demoFolder() {
        List<Sources.Source> found = Sources.discover(List.of("../demo-data"));
        assertThat(found).extracting(Sources.Source::name).containsExactly(
                "000_d84dd5f55e8a7a8b.txt", "001_3dc8d83b93f1b44b.txt", "002_fe96d62a43a5071b.txt", "003_fd32bd25a03948be.txt");
    }

    @Test
    void missingPathIsNamed() {
        String missing = dir.resolve("nope/gone.txt").toString();
        assertThatThrownBy(() -> Sources.discover(List.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("does not exist");
    }
}
