package dev.papers.tagging;

import dev.papers.bench.SeedPapersState;
import dev.papers.bench.TaggerBench;
import dev.papers.common.TagScore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where {@link Tagger#tag}'s time goes: the same papers as {@link TaggerBench}, each benchmark running the tagger's
 * stages up to one more (differences of scores are the stages' costs). In the tagging package to reach the
 * package-private stages; Kafka-free like the tagger. Score in µs per paper:
 * {@code java -jar bench/target/benchmarks.jar TaggerStagesBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(2)
public class TaggerStagesBench extends SeedPapersState {
    final List<TagScore> out = new ArrayList<>();

    private Analysis analyse(String[] p) {
        Analysis an = tagger.analysisOfThisThread();
        an.beginPaper();
        an.analyse(p[0], an.title);
        an.analyse(p[1], an.abstractField);
        return an;
    }

    /** Lucene analysis: the StandardTokenizer scanner, the memoised filter chain per token, the token arrays. */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void s1Analyse(Blackhole bh) {
        for (String[] p : papers) bh.consume(analyse(p).abstractField.n);
    }

    /** ... then finding the taxonomy phrases. */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void s2Match(Blackhole bh) {
        for (String[] p : papers) bh.consume(tagger.matchAll(analyse(p)));
    }

    /** ... then the taxonomy tags with scores and evidence. */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void s3TaxonomyTags(Blackhole bh) {
        for (String[] p : papers) {
            Analysis an = analyse(p);
            int m = tagger.matchAll(an);
            out.clear();
            if (m > 0) tagger.taxonomyTags(an, m, out);
            bh.consume(out.size());
        }
    }

    /** Analysis and keyphrases only (no taxonomy): noun-phrase candidates, scores, the top ones with evidence. */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void s4AnalyseKeyphrases(Blackhole bh) {
        for (String[] p : papers) {
            Analysis an = analyse(p);
            out.clear();
            Keyphrases.keyphrases(an, Tagger.KEYPHRASES, out);
            bh.consume(out.size());
        }
    }

    /** The whole tagger, as {@link TaggerBench#tagPapers} but in µs per paper. */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void s5Tag(Blackhole bh) {
        for (String[] p : papers) bh.consume(tagger.tag(p[0], p[1]));
    }
}
