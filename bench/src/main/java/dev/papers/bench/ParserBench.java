package dev.papers.bench;

import dev.papers.common.Entry;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput on the seed pages concatenated to ≥ 50 MB, fed in 64 KiB chunks through the incremental API.
 * MB/s = 1 / (score in s/op) × corpus MB (printed at setup). Run from the repo root:
 * {@code java -jar bench/target/benchmarks.jar ParserBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ParserBench {
    @Param({"demo-data"})
    public String seeds;

    String corpus;
    int chunkChars = 64 * 1024;

    @Setup(Level.Trial)
    public void load() throws IOException {
        StringBuilder one = new StringBuilder();
        try (Stream<Path> s = Files.list(Path.of(seeds))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
                one.append(Files.readString(p, StandardCharsets.UTF_8)).append("\n\n");
            }
        }
        StringBuilder all = new StringBuilder();
        while (all.length() < 50_000_000) all.append(one);
        corpus = all.toString();
        System.out.printf("%ncorpus: %.1f MB (UTF-8)%n", corpus.getBytes(StandardCharsets.UTF_8).length / 1e6);
    }

    @Benchmark
    public long parse50MB(Blackhole bh) {
        ListingParser p = ListingParser.start("bench");
        long n = 0;
        for (int i = 0; i < corpus.length(); i += chunkChars) {
            for (Entry e : p.feed(corpus.substring(i, Math.min(corpus.length(), i + chunkChars)))) {
                bh.consume(e);
                n++;
            }
        }
        n += p.finish().size();
        return n;
    }
}
