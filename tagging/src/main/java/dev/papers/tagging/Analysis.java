package dev.papers.tagging;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import dev.papers.common.text.TextAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Lucene analysis for the tagger. Same chain as {@code TextAnalysis} (standard tokenizer, possessive, lower case,
 * ASCII folding, English stop words) but with the milder Krovetz stemmer instead of Porter (so "generation" and "general",
 * "adapter" and "adaptive" stay apart; "models"/"model", "pretrained"/"pretraining" still meet), in two variants: {@link #SPLIT} where hyphenated words are
 * separate tokens ("pre-training" → pre, train) and {@link #JOINED} where hyphens are removed before tokenizing
 * ("pre-training" → pretrain, matching "pretraining" and "Pre-Trained"). Offsets always refer to the original text.
 * A third chain {@link #SURFACE} only lower-cases and folds (no stop words, no stemming), for keyphrase extraction.
 * All analyzers are thread-safe.
 */
final class Analysis {
    /** One analysed token with offsets into the original text. */
    record Tok(String term, int start, int end, int pos) {}

    private static final NormalizeCharMap DEHYPHEN;

    static {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        b.add("-", "");
        b.add("\u2010", ""); // hyphen
        b.add("\u2011", ""); // non-breaking hyphen
        DEHYPHEN = b.build();
    }

    static final Analyzer SPLIT = stemming(false);
    static final Analyzer JOINED = stemming(true);
    static final Analyzer SURFACE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, TextAnalysis.surface(source));
        }
    };

    private Analysis() {}

    private static Analyzer stemming(boolean joinHyphens) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return joinHyphens ? new MappingCharFilter(DEHYPHEN, reader) : reader;
            }

            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                // The same chain as the sink's search (TextAnalysis), so tags and queries stem alike.
                return new TokenStreamComponents(source, TextAnalysis.stem(TextAnalysis.surface(source)));
            }
        };
    }

    static List<Tok> tokens(Analyzer analyzer, String text) {
        List<Tok> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(new Tok(term.toString(), off.startOffset(), off.endOffset(), pos));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        }
        return out;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        for (Tok t : tokens(analyzer, text)) out.add(t.term());
        return out;
    }
}
