package dev.papers.bench;

import dev.papers.common.Chunk;
import dev.papers.common.Entry;
import dev.papers.common.Json;
import dev.papers.common.PapersConfig;
import dev.papers.parse.ListingParser;
import dev.papers.processor.PapersTopology;
import dev.papers.tagging.Tagger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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
 * The whole processor topology on the TopologyTestDriver (no broker): N synthetic entries (30 % repeating an
 * earlier title) in Format A pages of 1000 entries, cut in 64 KiB chunks. entries/s = N / score.
 * {@code java -jar bench/target/benchmarks.jar TopologyBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class TopologyBench {
    @Param({"100000"})
    public int entries;

    @Param({"demo-data"})
    public String seeds;

    List<byte[]> chunks;
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();

    @Setup(Level.Trial)
    public void corpus() throws IOException {
        List<Entry> seed = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(seeds))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
                seed.addAll(ListingParser.parseAll(p.getFileName().toString(), Files.readString(p)).entries());
            }
        }
        Random rnd = new Random(7);
        List<String> titles = new ArrayList<>();
        chunks = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        int pageNo = 0;
        for (int i = 0; i < entries; i++) {
            Entry e = seed.get(i % seed.size());
            String title = !titles.isEmpty() && rnd.nextDouble() < 0.3
                    ? titles.get(rnd.nextInt(titles.size())).toUpperCase() // same normalised title
                    : e.title() + " (variant " + i + ")";
            titles.add(title);
            page.append(title).append("\n\n").append(e.abstractText()).append("\n\n  • ").append(1 + i % 9)
                    .append(" authors\n·\nJan ").append(1 + i % 28).append(", 2025 ").append(i % 50).append("\n\n");
            if ((i + 1) % 1000 == 0 || i == entries - 1) {
                String text = "Daily Papers\n\nMar 16\n\n" + page;
                String source = "page-" + (pageNo++) + ".txt";
                String ingestId = UUID.randomUUID().toString();
                int seq = 0;
                for (int off = 0; off < text.length(); off += 65536, seq++) {
                    String part = text.substring(off, Math.min(text.length(), off + 65536));
                    chunks.add(Json.write(new Chunk(source, ingestId, seq, off + 65536 >= text.length(), part)).getBytes(StandardCharsets.UTF_8));
                }
                page.setLength(0);
            }
        }
    }

    @Setup(Level.Iteration)
    public void driver() {
        Properties p = new Properties();
        p.put("application.id", "bench-" + UUID.randomUUID());
        p.put("bootstrap.servers", "unused:9092");
        p.put("state.dir", System.getProperty("java.io.tmpdir") + "/papers-bench-" + UUID.randomUUID());
        PapersConfig cfg = PapersConfig.defaults("unused:9092");
        driver = new TopologyTestDriver(PapersTopology.buildTopology(cfg, TAGGER, PapersTopology.DEFAULT_MAX_PAGE_CHARS), p);
        raw = driver.createInputTopic(cfg.rawTopic(), new StringSerializer(), new ByteArraySerializer());
    }

    @TearDown(Level.Iteration)
    public void close() {
        driver.close();
    }

    @Benchmark
    public void pipeAll() {
        for (byte[] c : chunks) raw.pipeInput("k", c);
    }
}
