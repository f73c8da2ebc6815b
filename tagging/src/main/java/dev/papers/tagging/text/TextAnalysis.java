package dev.papers.tagging.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one Lucene analysis chain shared by the tagger (processor) and text search (sink), so that a query word
 * and a paper word meet in the same stemmed form: tokenize, possessive, lowercase, ASCII folding, stop words,
 * Krovetz (KStem) stemming, as in the tagger. Thread-safe (Lucene analyzers reuse per-thread components).
 */
public final class TextAnalysis {
    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, stem(surface(source)));
        }
    };

    /** The same chain with everything after the tokenizer memoised per distinct token (see {@link MemoizedChainFilter}). */
    private static final Analyzer MEMOIZED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new MemoizedChainFilter(source));
        }
    };

    private TextAnalysis() {}

    /** First half of the chain, shared with the tagger: possessive, lower case, ASCII folding (no stemming). */
    public static TokenStream surface(Tokenizer source) {
        TokenStream ts = new EnglishPossessiveFilter(source);
        ts = new LowerCaseFilter(ts);
        return new ASCIIFoldingFilter(ts);
    }

    /** Second half: English stop words, then KStem (Porter conflates "general"/"generation", "adapter"/"adaptive"). */
    public static TokenStream stem(TokenStream ts) {
        return new KStemFilter(new StopFilter(ts, stopWords()));
    }

    static CharArraySet stopWords() {
        return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    }

    /**
     * The chain as an analyzer for bulk indexing (the sink's search index): the same terms as {@link #terms}, with
     * each distinct token analysed once per thread.
     */
    public static Analyzer analyzer() {
        return MEMOIZED;
    }

    /** The analysed terms of {@code text} through {@link #analyzer()} (tests compare it with {@link #terms}). */
    static List<String> memoizedTerms(String text) {
        return terms(MEMOIZED, text);
    }

    /**
     * One raw token through {@code chain}, which reads from {@code source} (a {@link KeywordTokenizer}): its analysed
     * form, or null when the chain drops it (a stop word). For memos of the chain per distinct token.
     */
    public static String analyseToken(KeywordTokenizer source, TokenStream chain, CharTermAttribute att, String raw) {
        try {
            source.setReader(new StringReader(raw));
            chain.reset();
            String out = chain.incrementToken() ? att.toString() : null;
            chain.end();
            chain.close();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        }
    }

    /** The analysed terms of {@code text}, in order. */
    public static List<String> terms(String text) {
        return terms(ANALYZER, text);
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        }
        return out;
    }
}
