package dev.papers.bench;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizerImpl;
import org.apache.lucene.analysis.util.CharTokenizer;
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
 * Tagger throughput in papers/s over the format-B seed pages (title line / abstract line), all papers tagged once per
 * invocation. Score is ops/s where one op = one paper. Run from the repo root:
 * {@code java -jar bench/target/benchmarks.jar TaggerBench}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TaggerBench extends SeedPapersState {
    final StandardTokenizer tokenizer = new StandardTokenizer();
    final StandardTokenizerImpl scanner = new StandardTokenizerImpl(null);
    final Tokenizer letterOrDigit = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);

    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void tagPapers(Blackhole bh) {
        for (String[] p : papers) bh.consume(tagger.tag(p[0], p[1]));
    }

    /**
     * Context for {@link #tagPapers}: Lucene's StandardTokenizer alone over the same titles and abstracts (no filters,
     * no tagging) — the ceiling for any tagger that tokenizes with it. The ratio of the two scores is less sensitive to
     * machine load than either score.
     */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void tokenizerOnlyBaseline(Blackhole bh) throws IOException {
        tokenizeAll(tokenizer, bh);
    }

    /** Runs {@code tok} over every title and abstract, consuming each text's token count. */
    private void tokenizeAll(Tokenizer tok, Blackhole bh) throws IOException {
        for (String[] p : papers) {
            for (String text : p) {
                tok.setReader(new StringReader(text));
                tok.reset();
                int n = 0;
                while (tok.incrementToken()) n++;
                tok.end();
                tok.close();
                bh.consume(n);
            }
        }
    }

    /**
     * Context for {@link #tagPapers}: the scanner of StandardTokenizer driven directly, as the tagger drives it on
     * non-ASCII text (no attributes). ASCII text (all of the seed pages) the tagger cuts with its own scan of the same
     * boundaries ({@code AsciiWords}), which costs a fraction of this.
     */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void scannerOnlyBaseline(Blackhole bh) throws IOException {
        for (String[] p : papers) {
            for (String text : p) {
                scanner.yyreset(new StringReader(text));
                int n = 0;
                while (scanner.getNextToken() != StandardTokenizerImpl.YYEOF) n += scanner.yylength();
                bh.consume(n);
            }
        }
    }

    /**
     * Context for {@link #tagPapers}: the simplest tokenizer Lucene offers (runs of letters and digits, a
     * {@link CharTokenizer}), which the tagger does not use — it splits "3.5", "don't" and "e.g." — but which bounds
     * what any Lucene tokenizer costs here.
     */
    @Benchmark
    @OperationsPerInvocation(PAPERS)
    public void letterOrDigitTokenizerBaseline(Blackhole bh) throws IOException {
        tokenizeAll(letterOrDigit, bh);
    }
}
