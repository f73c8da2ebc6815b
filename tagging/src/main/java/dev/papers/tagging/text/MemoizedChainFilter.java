package dev.papers.tagging.text;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The rest of {@link TextAnalysis}'s chain after the tokenizer, applied once per distinct raw token. Every step
 * after the tokenizer (possessive, lower case, ASCII folding, stop words, KStem) works on one token alone, so a
 * token's analysed form depends only on its characters; KStem's dictionary lookups were a fifth of the sink's CPU
 * when it indexed every paper through the plain chain. Misses run the real chain over a single-token stream, so the
 * terms are exactly the chain's (checked in {@code TextAnalysisTest}). A stop word is dropped with its position
 * gap, as StopFilter does. One instance per analyzer component, i.e. per thread; the memo is bounded.
 */
final class MemoizedChainFilter extends TokenFilter {
    /** Distinct raw tokens kept; the memo starts afresh beyond this. */
    static final int MAX_ENTRIES = 100_000;
    private static final String STOP = "";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Map<String, String> memo = new HashMap<>();
    private final KeywordTokenizer one = new KeywordTokenizer();
    private final TokenStream chain = TextAnalysis.stem(TextAnalysis.surface(one));
    private final CharTermAttribute analysed = chain.addAttribute(CharTermAttribute.class);

    MemoizedChainFilter(TokenStream tokenizer) {
        super(tokenizer);
    }

    @Override
    public boolean incrementToken() throws IOException {
        int skipped = 0;
        while (input.incrementToken()) {
            String raw = term.toString();
            String out = memo.get(raw);
            if (out == null) {
                if (memo.size() >= MAX_ENTRIES) memo.clear();
                out = analyse(raw);
                memo.put(raw, out);
            }
            if (out == STOP) {
                skipped += posInc.getPositionIncrement();
                continue;
            }
            term.setEmpty().append(out);
            posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
            return true;
        }
        return false;
    }

    private String analyse(String raw) {
        String out = TextAnalysis.analyseToken(one, chain, analysed, raw);
        return out == null ? STOP : out;
    }
}
