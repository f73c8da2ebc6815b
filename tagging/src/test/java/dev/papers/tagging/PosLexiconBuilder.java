package dev.papers.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Builds the tagger's shipped models offline from a corpus of papers (title + abstract), run by hand:
 * {@code pos-lexicon.tsv}: each word (lower case) with the part of speech Apache OpenNLP's English UD model
 * ({@code opennlp-models-pos-en}) gives it most often in context, and {@code word-df.tsv}: in how many papers each
 * word occurs (the background document frequencies that make a phrase common to every paper rank low).
 * Running the maxent POS model on every paper in the pipeline measured ~300 papers/s, far below the tagger's budget, so
 * the pipeline looks words up in this lexicon instead (see {@link PosLexicon}).
 *
 * <p>Args: output directory, then corpus directories of {@code daily_papers_*.json} days.
 */
final class PosLexiconBuilder {
    private PosLexiconBuilder() {}

    static POSTaggerME model() throws IOException {
        try (InputStream in = POSModel.class.getResourceAsStream("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
            if (in == null) throw new IllegalStateException("the OpenNLP English POS model is not on the class path");
            return new POSTaggerME(new POSModel(in));
        }
    }

    /** The tokens of {@code text} as Lucene's StandardTokenizer cuts them (the tagger's tokenizer). */
    static String[] tokens(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (StandardTokenizer t = new StandardTokenizer()) {
            t.setReader(new StringReader(text));
            CharTermAttribute term = t.addAttribute(CharTermAttribute.class);
            t.reset();
            while (t.incrementToken()) out.add(term.toString());
            t.end();
        }
        return out.toArray(new String[0]);
    }

    /** The word's most frequent part of speech in context (ties: the alphabetically first). */
    static String reading(Map<String, Integer> tags) {
        String best = null;
        for (Map.Entry<String, Integer> e : new TreeMap<>(tags).entrySet()) if (best == null || e.getValue() > tags.get(best)) best = e.getKey();
        return best;
    }

    public static void main(String[] args) throws IOException {
        Path outDir = Path.of(args[0]);
        List<HfDays.Paper> papers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) papers.addAll(HfDays.read(Path.of(args[i])));
        POSTaggerME tagger = model();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> df = new TreeMap<>();
        long t0 = System.nanoTime();
        for (HfDays.Paper p : papers) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String text : List.of(p.title(), p.summary())) {
                String[] toks = tokens(text);
                String[] tags = tagger.tag(toks);
                for (int i = 0; i < toks.length; i++) {
                    String w = toks[i].toLowerCase(Locale.ROOT);
                    counts.computeIfAbsent(w, k -> new HashMap<>()).merge(tags[i], 1, Integer::sum);
                    if (seen.add(Keyphrases.wordKey(w))) df.merge(Keyphrases.wordKey(w), 1, Integer::sum);
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder lex = new StringBuilder("# word\tUPOS (most frequent in context), OpenNLP opennlp-models-pos-en over "
                + papers.size() + " papers\n");
        new TreeMap<>(counts).forEach((w, c) -> lex.append(w).append('\t').append(reading(c)).append('\n'));
        StringBuilder dfs = new StringBuilder("# papers\t" + papers.size() + "\n");
        df.forEach((w, n) -> { if (n > 1) dfs.append(w).append('\t').append(n).append('\n'); });
        Files.writeString(outDir.resolve("pos-lexicon.tsv"), lex, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("word-df.tsv"), dfs, StandardCharsets.UTF_8);
        System.out.printf("%d papers POS-tagged in %.1f s (%.0f papers/s); %d words%n", papers.size(), secs, papers.size() / secs, counts.size());
    }
}
