package dev.papers.bench;

import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.Paper;
import dev.papers.parse.ListingParser;
import dev.papers.tagging.text.TextAnalysis;
import dev.papers.gen.GeneratorOptions;
import dev.papers.gen.PageGenerator;
import dev.papers.sink.QueryService;
import dev.papers.sink.SearchIndex;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's search index alone (no HTTP, no store reads): one page (limit 20) of a tag list or a one-word search
 * over the papers of a generated corpus (N entries, 30 % repeats), tagged by the real tagger, in three partitions —
 * the per-request CPU that bounds {@code bench-query}'s tag and search rates. Tags and words are drawn as
 * {@code bench-query} draws them (taxonomy tags; words of titles). Score: queries/s on one thread.
 * {@code java -jar bench/target/benchmarks.jar SearchBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class SearchBench {
    @Param({"100000"})
    public int entries;

    Path dir;
    SearchIndex index;
    List<String> tags;
    List<String> words;
    final SplittableRandom rnd = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void build() throws IOException {
        dir = Files.createTempDirectory("search-bench");
        PageGenerator.generate(new GeneratorOptions(entries, 0.3, "mixed", Math.max(1, entries / 100), 1), dir.resolve("corpus"));
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        Map<String, Paper> papers = new LinkedHashMap<>();
        try (Stream<Path> pages = Files.list(dir.resolve("corpus"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String text = Files.readString(page, StandardCharsets.UTF_8);
                for (Entry e : ListingParser.parseAll(page.getFileName().toString(), text).entries()) {
                    papers.put(e.id(), Paper.of(e, 0).withTags(tagger.tag(e.title(), e.abstractText())));
                }
            }
        }
        index = SearchIndex.onDisk(dir.resolve("index"), 0);
        List<List<KeyValue<String, byte[]>>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Paper p : papers.values()) {
            parts.get(Math.floorMod(p.id().hashCode(), 3)).add(KeyValue.pair(p.id(), Json.write(p).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 3; i++) index.rebuild(i, parts.get(i).iterator());
        tags = index.tagCounts().keySet().stream().filter(t -> !t.startsWith("kw:")).sorted().toList();
        TreeSet<String> w = new TreeSet<>();
        for (Paper p : papers.values()) {
            w.addAll(TextAnalysis.terms(p.title()));
            if (w.size() >= 400) break;
        }
        words = new ArrayList<>(w);
        System.out.printf("%nsearch index: %d papers, %d tags, %d words%n", index.size(), tags.size(), words.size());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        index.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Benchmark
    public SearchIndex.Hits tagList() {
        return index.search(List.of(tags.get(rnd.nextInt(tags.size()))), null, QueryService.Sort.UPVOTES, false, null, 21);
    }

    @Benchmark
    public SearchIndex.Hits textSearch() {
        return index.search(List.of(), words.get(rnd.nextInt(words.size())), QueryService.Sort.UPVOTES, false, null, 21);
    }

    @Benchmark
    public SearchIndex.Hits tagListByTitle() {
        return index.search(List.of(tags.get(rnd.nextInt(tags.size()))), null, QueryService.Sort.TITLE, true, null, 21);
    }
}
