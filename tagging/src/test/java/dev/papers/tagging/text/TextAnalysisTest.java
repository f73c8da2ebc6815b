package dev.papers.tagging.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The memoised chain (the sink's index analyzer) gives exactly the plain chain's terms and positions. */
class TextAnalysisTest {
    private static final List<String> ODD = List.of("The model's pre-training of LLMs", "Über naïve café, résumé",
            "don't stop: 3.5x faster, GPT-4o and RAG!", "a an the of and or", "中文 分词 テスト", "\ud83d\ude00 emoji tokens",
            "MODELS Models models model", "x".repeat(300), "", "   ", "e\u0301 combining");

    @Test
    void memoisedTermsEqualThePlainChainOnEverySeedLine() throws IOException {
        List<String> lines = new ArrayList<>(ODD);
        try (Stream<Path> s = Files.list(Path.of("..", "demo-data"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        assertThat(lines).hasSizeGreaterThan(500);
        int nonEmpty = 0;
        // twice: the second pass is served from the memo
        for (int pass = 0; pass < 2; pass++) {
            for (String line : lines) {
                List<String> plain = TextAnalysis.terms(line);
                assertThat(TextAnalysis.memoizedTerms(line)).as(line).isEqualTo(plain);
                if (!plain.isEmpty()) nonEmpty++;
            }
        }
        assertThat(nonEmpty).isGreaterThan(1000);
    }

    @Test
    void stopWordsLeaveTheSamePositionGaps() throws IOException {
        String text = "the model of the world and a theory of everything's end";
        assertThat(positions(TextAnalysis.analyzer(), text)).isEqualTo(positions(plain(), text)).anyMatch(p -> p.startsWith("2:"));
    }

    @Test
    void aFullMemoStartsAfreshAndStaysExact() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < MemoizedChainFilter.MAX_ENTRIES + 50; i++) sb.append("w").append(i).append("ing ");
        String text = sb.toString();
        assertThat(TextAnalysis.memoizedTerms(text)).isEqualTo(TextAnalysis.terms(text));
        assertThat(TextAnalysis.memoizedTerms("running models")).isEqualTo(TextAnalysis.terms("running models"));
    }

    private static Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                org.apache.lucene.analysis.standard.StandardTokenizer source = new org.apache.lucene.analysis.standard.StandardTokenizer();
                return new TokenStreamComponents(source, TextAnalysis.stem(TextAnalysis.surface(source)));
            }
        };
    }

    private static List<String> positions(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(inc.getPositionIncrement() + ":" + t);
            ts.end();
        }
        return out;
    }
}
