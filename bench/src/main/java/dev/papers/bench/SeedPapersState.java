package dev.papers.bench;

import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the tagger benchmarks share: the default tagger and {@value #PAPERS} papers (title, abstract) of the format-B
 * seed pages (title line / abstract line) under {@link #seeds}, repeated or cut to that many.
 */
@State(Scope.Benchmark)
public abstract class SeedPapersState {
    /** Papers per invocation. */
    public static final int PAPERS = 200;

    @Param({"demo-data"})
    public String seeds;

    protected Tagger tagger;
    protected List<String[]> papers;

    @Setup(Level.Trial)
    public void load() throws IOException {
        tagger = Tagger.fromDefaultTaxonomy();
        List<String[]> seed = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(seeds))) {
            for (Path p : s.filter(x -> x.getFileName().toString().matches("00[13]_.*\\.txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 2; i + 1 < lines.size(); i += 2) {
                    String title = i == 2 ? lines.get(i).replaceFirst("^Subscribe", "") : lines.get(i);
                    seed.add(new String[] {title, lines.get(i + 1)});
                }
            }
        }
        if (seed.isEmpty()) throw new IllegalStateException("no format-B seed papers under " + seeds);
        papers = new ArrayList<>(PAPERS);
        for (int i = 0; i < PAPERS; i++) papers.add(seed.get(i % seed.size()));
    }
}
