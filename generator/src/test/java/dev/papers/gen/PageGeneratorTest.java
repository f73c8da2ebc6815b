package dev.papers.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Titles;
import dev.papers.ingest.Sources;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageGeneratorTest {
    @TempDir
    Path tmp;

    private static List<ListingParser.Result> parse(GeneratedCorpus c) throws IOException {
        List<ListingParser.Result> out = new ArrayList<>();
        for (Path p : c.pages()) out.add(ListingParser.parseAll(p.getFileName().toString(), Files.readString(p)));
        return out;
    }

    @Test
    void theIngestTakesTheGeneratedPagesButNotTheManifest() throws IOException {
        GeneratedCorpus c = PageGenerator.generate(new GeneratorOptions(30, 0.3, "mixed", 3, 1), tmp);
        assertThat(Files.exists(c.expectedFile())).isTrue();
        assertThat(Sources.discover(List.of(tmp.toString())).stream().map(Sources.Source::path).toList())
                .containsExactlyInAnyOrderElementsOf(c.pages());
    }

    @Test
    void parserFindsExactlyTheEntriesAndUniquePapersWithoutProblems() throws IOException {
        GeneratorOptions o = new GeneratorOptions(1200, 0.3, "mixed", 7, 42);
        GeneratedCorpus c = PageGenerator.generate(o, tmp);
        assertThat(c.entries()).isEqualTo(1200);
        assertThat(c.unique()).isEqualTo(1200 - 360);
        assertThat(c.pages()).hasSize(7);
        int entries = 0;
        Set<String> normalized = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int withAuthors = 0, withOrg = 0, withYearlessDate = 0, withUpvotes = 0, withoutMeta = 0;
        for (ListingParser.Result r : parse(c)) {
            assertThat(r.problems()).isEmpty();
            entries += r.entries().size();
            for (Entry e : r.entries()) {
                normalized.add(Titles.normalize(e.title()));
                ids.add(e.id());
                assertThat(e.abstractText()).isNotBlank();
                if (e.authors() != null) withAuthors++;
                if (e.organization() != null) withOrg++;
                if (e.publishedText() != null && e.published() == null) withYearlessDate++;
                if (e.upvotes() != null && e.upvotes() > 0) withUpvotes++;
                if (e.upvotes() == null) withoutMeta++;
            }
        }
        assertThat(entries).isEqualTo(c.entries());
        assertThat(normalized).hasSize(c.unique());
        assertThat(ids).hasSize(c.unique());
        assertThat(withAuthors).isPositive();
        assertThat(withOrg).isPositive();
        assertThat(withYearlessDate).isPositive();
        assertThat(withUpvotes).isPositive();
        assertThat(withoutMeta).isPositive();

        JsonNode expected = Json.MAPPER.readTree(Files.readString(tmp.resolve("expected.json")));
        assertThat(expected.path("entries").asInt()).isEqualTo(1200);
        assertThat(expected.path("unique").asInt()).isEqualTo(c.unique());
        assertThat(PageGenerator.read(tmp)).isEqualTo(c);
    }

    @Test
    void repeatsDifferInCaseOrPunctuationOnly() throws IOException {
        GeneratedCorpus c = PageGenerator.generate(new GeneratorOptions(600, 0.5, "A", 3, 3), tmp);
        Set<String> exactTitles = new HashSet<>();
        int entries = 0;
        for (ListingParser.Result r : parse(c)) for (Entry e : r.entries()) {
            exactTitles.add(e.title());
            entries++;
        }
        assertThat(entries).isEqualTo(600);
        // most repeats are spelled differently from the first sighting, yet normalise to it
        assertThat(exactTitles.size()).isGreaterThan(c.unique() + 200);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        GeneratorOptions o = new GeneratorOptions(500, 0.3, "mixed", 4, 7);
        GeneratedCorpus a = PageGenerator.generate(o, tmp.resolve("a"));
        GeneratedCorpus b = PageGenerator.generate(o, tmp.resolve("b"));
        GeneratedCorpus other = PageGenerator.generate(new GeneratorOptions(500, 0.3, "mixed", 4, 8), tmp.resolve("c"));
        assertThat(a.pages()).hasSameSizeAs(b.pages());
        for (int i = 0; i < a.pages().size(); i++) {
            assertThat(a.pages().get(i).getFileName()).isEqualTo(b.pages().get(i).getFileName());
            assertThat(Files.readAllBytes(a.pages().get(i))).isEqualTo(Files.readAllBytes(b.pages().get(i)));
        }
        assertThat(Files.readString(a.expectedFile())).isEqualTo(Files.readString(b.expectedFile()));
        assertThat(Files.readAllBytes(other.pages().get(0))).isNotEqualTo(Files.readAllBytes(a.pages().get(0)));
        // regenerating into the same folder replaces the pages
        PageGenerator.generate(new GeneratorOptions(100, 0, "A", 2, 1), tmp.resolve("a"));
        assertThat(PageGenerator.read(tmp.resolve("a")).pages()).hasSize(2);
    }

    @Test
    void mixedHasBothFormatsSingleFormatsHaveOne() throws IOException {
        GeneratedCorpus mixed = PageGenerator.generate(new GeneratorOptions(300, 0.3, "mixed", 4, 1), tmp.resolve("m"));
        long a = mixed.pages().stream().filter(PageGeneratorTest::isFormatA).count();
        assertThat(a).isEqualTo(2);
        GeneratedCorpus onlyB = PageGenerator.generate(new GeneratorOptions(300, 0.3, "b", 3, 1), tmp.resolve("b"));
        assertThat(onlyB.pages()).noneMatch(PageGeneratorTest::isFormatA);
        GeneratedCorpus onlyA = PageGenerator.generate(new GeneratorOptions(300, 0.3, "A", 3, 1), tmp.resolve("a"));
        assertThat(onlyA.pages()).allMatch(PageGeneratorTest::isFormatA);
        for (GeneratedCorpus c : List.of(onlyA, onlyB)) {
            int n = 0;
            for (ListingParser.Result r : parse(c)) {
                assertThat(r.problems()).isEmpty();
                n += r.entries().size();
            }
            assertThat(n).isEqualTo(300);
        }
    }

    @Test
    void disjointPaperRangesHaveDisjointTitles() throws IOException {
        GeneratedCorpus bulk = PageGenerator.generate(new GeneratorOptions(400, 0.3, "mixed", 2, 5), tmp.resolve("bulk"));
        GeneratedCorpus fresh = PageGenerator.generate(new GeneratorOptions(100, 0, "A", 20, 5), tmp.resolve("fresh"), 400);
        Set<String> ids = new HashSet<>();
        for (ListingParser.Result r : parse(bulk)) r.entries().forEach(e -> ids.add(e.id()));
        for (ListingParser.Result r : parse(fresh)) r.entries().forEach(e -> assertThat(ids.add(e.id())).isTrue());
        assertThat(ids).hasSize(bulk.unique() + 100);
    }

    @Test
    void namesAreDistinctAndVariantsNormaliseToTheTitle() {
        Set<String> names = new HashSet<>();
        for (long i = 0; i < 200_000; i++) assertThat(names.add(PageGenerator.name(i))).isTrue();
        SplittableRandom rnd = new SplittableRandom(1);
        String t = "Kavoru-7B: Pre-training Language Models for Émile's Straße";
        for (int i = 0; i < 1000; i++) {
            assertThat(Titles.normalize(PageGenerator.titleVariant(t, rnd))).isEqualTo(Titles.normalize(t));
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> new GeneratorOptions(0, 0.3, "A", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 1.0, "A", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 0.3, "C", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 0.3, "A", 11, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean isFormatA(Path p) {
        try {
            return Files.readString(p).startsWith("new\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
