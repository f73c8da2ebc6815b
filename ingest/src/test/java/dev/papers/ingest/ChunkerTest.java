package dev.papers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papers.common.Chunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkerTest {
    static final String MIXED = "Émergence 🚀 of e\u0301 combining, 中文标题, עברית RTL\r\nline two 👩‍🔬 end";

    static void assertValid(List<Chunk> chunks, String page, int max) {
        assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining())).isEqualTo(page);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.seq()).isEqualTo(i);
            assertThat(c.last()).isEqualTo(i == chunks.size() - 1);
            assertThat(c.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
            if (!c.text().isEmpty()) {
                assertThat(Character.isLowSurrogate(c.text().charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(c.text().charAt(c.text().length() - 1))).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 7, 64, 200})
    void reassemblesExactlyAndNeverSplitsACodePoint(int max) throws IOException {
        assertValid(Chunker.chunk("s", "i", MIXED, max), MIXED, max);
        for (Path p : Files.list(Path.of("..", "demo-data")).sorted().toList()) {
            String page = Files.readString(p);
            assertValid(Chunker.chunk(p.getFileName().toString(), "i", page, max), page, max);
        }
    }

    @Test
    void randomSizesOnUnicodeText() {
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            int max = 4 + r.nextInt(60);
            String page = MIXED.repeat(1 + r.nextInt(20));
            assertValid(Chunker.chunk("s", "i", page, max), page, max);
        }
    }

    @Test
    void emptyPageIsOneLastChunkAndTinySizesAreRefused() {
        assertThat(Chunker.chunk("s", "i", "", 10)).containsExactly(new Chunk("s", "i", 0, true, ""));
        assertThatThrownBy(() -> Chunker.chunk("s", "i", "abc", 3)).hasMessageContaining("at least 4");
    }

    @Test
    void sourcesWalkFoldersInOrderAndNameMissingPaths(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/c"));
        Files.writeString(dir.resolve("b/c/2.txt"), "x");
        Files.writeString(dir.resolve("b/1.txt"), "x");
        Files.writeString(dir.resolve("b/skip.md"), "x");
        assertThat(Sources.discover(List.of(dir.resolve("b").toString(), "-"))).extracting(Sources.Source::name)
                .containsExactly("1.txt", "2.txt", "stdin");
        assertThatThrownBy(() -> Sources.discover(List.of(dir.resolve("nope").toString()))).hasMessageContaining("nope");
    }
}
