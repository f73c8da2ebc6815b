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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkerTest {
    static final String MIXED = "Title: Attention 😀 is all 👩‍👩‍👧 you need\n"
            + "作者: 张三, 李四 — 深度学习的研究\n"
            + "Cafe\u0301 na\u0308ive re\u0301sume\u0301 e\u0301\u0300\u0302\n"
            + "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕄𝕒𝕥𝕙 🧪🔬 ½ ü ß Ω ж ع\n"
            + "🇺🇳🇩🇪 keycap 1\uFE0F\u20E3 end";

    static void assertValid(String page, List<Chunk> chunks, int maxBytes, String source, String id) {
        assertThat(chunks).isNotEmpty();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.source()).isEqualTo(source);
            assertThat(c.ingestId()).isEqualTo(id);
            assertThat(c.seq()).isEqualTo(i);
            assertThat(c.last()).as("last flag of chunk %d/%d", i, chunks.size()).isEqualTo(i == chunks.size() - 1);
            assertThat(c.text().getBytes(StandardCharsets.UTF_8).length)
                    .as("bytes of chunk %d", i).isLessThanOrEqualTo(maxBytes);
            if (!page.isEmpty()) assertThat(c.text()).as("chunk %d is empty", i).isNotEmpty();
            if (!c.text().isEmpty()) {
                assertThat(Character.isLowSurrogate(c.text().charAt(0))).as("chunk %d starts with low surrogate", i).isFalse();
                assertThat(Character.isHighSurrogate(c.text().charAt(c.text().length() - 1)))
                        .as("chunk %d ends with high surrogate", i).isFalse();
            }
            // each chunk on its own is valid UTF-16 that round-trips through UTF-8
            assertThat(new String(c.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(c.text());
            sb.append(c.text());
        }
        assertThat(sb.toString()).isEqualTo(page);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 7, 64, 200})
    void mixedScriptsReassembleWithinLimit(int maxBytes) {
        List<Chunk> chunks = Chunker.chunk("s.txt", "id-1", MIXED, maxBytes);
        assertValid(MIXED, chunks, maxBytes, "s.txt", "id-1");
        if (maxBytes < MIXED.getBytes(StandardCharsets.UTF_8).length) assertThat(chunks).hasSizeGreaterThan(1);
    }

    @Test
    void chunksAreFilledGreedily() {
        // 4-byte code points with maxBytes 7: one per chunk, never 3 bytes of the next
        String s = "😀😀😀";
        List<Chunk> chunks = Chunker.chunk("a", "b", s, 7);
        assertThat(chunks).extracting(Chunk::text).containsExactly("😀", "😀", "😀");
        assertThat(Chunker.chunk("a", "b", "abcdefgh", 4)).extracting(Chunk::text).containsExactly("abcd", "efgh");
        assertThat(Chunker.chunk("a", "b", "abcdefghi", 4)).extracting(Chunk::text).containsExactly("abcd", "efgh", "i");
    }

    @Test
    void randomSizesAndRandomText() {
        Random rnd = new Random(42);
        int[] pool = {'a', 'Z', ' ', '\n', 0xE9, 0x301, 0x4E2D, 0x6587, 0x1F600, 0x1F9EA, 0x1D518, 0xFFFD, 0x7FF, 0x800, 0xFFFF};
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(400);
            for (int i = 0; i < len; i++) sb.appendCodePoint(pool[rnd.nextInt(pool.length)]);
            String page = sb.toString();
            int max = 4 + rnd.nextInt(300);
            assertValid(page, Chunker.chunk("r", "id", page, max), max, "r", "id");
        }
    }

    @Test
    void emptyPageGivesOneLastChunk() {
        List<Chunk> chunks = Chunker.chunk("e.txt", "x", "", 64);
        assertThat(chunks).containsExactly(new Chunk("e.txt", "x", 0, true, ""));
    }

    @Test
    void smallPageIsOneChunk() {
        assertThat(Chunker.chunk("p", "i", "hello", 64)).containsExactly(new Chunk("p", "i", 0, true, "hello"));
    }

    @Test
    void rejectsTooSmallLimit() {
        assertThatThrownBy(() -> Chunker.chunk("p", "i", "hello", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realDemoPages() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../demo-data"))) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSize(4);
        for (Path f : files) {
            String page = Files.readString(f, StandardCharsets.UTF_8);
            for (int max : new int[] {4, 7, 200, 4096, 64 * 1024}) {
                assertValid(page, Chunker.chunk(f.getFileName().toString(), "d", page, max), max,
                        f.getFileName().toString(), "d");
            }
        }
    }
}
