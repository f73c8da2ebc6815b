package dev.papers.app;

import dev.papers.gen.GeneratedCorpus;
import dev.papers.gen.GeneratorOptions;
import dev.papers.gen.PageGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write realistic synthetic listing pages and expected.json for benchmarks.",
                "Both formats, the seed pages' metadata variants, text from the bundled pages'",
                "vocabulary, and a share of repeats whose titles differ only in case and",
                "punctuation. Deterministic for a seed. DIR/expected.json holds the number of",
                "entries and of unique papers."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--entries", required = true, description = "Number of entries over all pages.")
    int entries;

    @Option(names = "--dup-rate", defaultValue = "0.3", description = "Share of entries repeating an earlier paper, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double dupRate;

    @Option(names = "--format", defaultValue = "mixed", description = "A, B or mixed (pages alternate) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--pages", description = "Number of page files (default: one page per 100 entries).")
    Integer pages;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder (created; earlier generated pages in it are replaced).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int p = pages != null ? pages : Math.max(1, (entries + 99) / 100);
        long t0 = System.nanoTime();
        GeneratedCorpus c = PageGenerator.generate(new GeneratorOptions(entries, dupRate, format, p, seed), out);
        long bytes = 0;
        for (Path f : c.pages()) bytes += Files.size(f);
        System.out.printf(Locale.ROOT, "generated %d entries (%d unique papers) on %d pages, %.1f MB, in %.1f s -> %s%n",
                c.entries(), c.unique(), c.pages().size(), bytes / 1e6, (System.nanoTime() - t0) / 1e9, c.expectedFile());
        return 0;
    }
}
