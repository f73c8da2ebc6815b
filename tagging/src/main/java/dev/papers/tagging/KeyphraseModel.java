package dev.papers.tagging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The two shipped corpus models of the keyphrase extractor, built offline by {@code PosLexiconBuilder} (test sources)
 * with Apache OpenNLP's English POS model: the part of speech of each word and the background document frequency of
 * each word. Immutable; loaded once.
 */
final class KeyphraseModel {
    /** Coarse parts of speech the chunker needs. */
    static final byte NOUN = 0, PROPN = 1, ADJ = 2, VERB = 3, NUM = 4, OTHER = 5;

    static final KeyphraseModel DEFAULT = load();

    private final Map<String, Byte> pos;
    private final Map<String, Integer> df;
    private final int papers;

    private KeyphraseModel(Map<String, Byte> pos, Map<String, Integer> df, int papers) {
        this.pos = pos;
        this.df = df;
        this.papers = papers;
    }

    /** Part of speech of a lower-cased word; a word the corpus never showed is taken for a name (PROPN). */
    byte pos(String lowerCaseWord) {
        Byte b = pos.get(lowerCaseWord);
        return b == null ? PROPN : b;
    }

    /** Inverse document frequency of a word key ({@link Keyphrases#wordKey}); words never seen get the highest. */
    float idf(String wordKey) {
        Integer n = df.get(wordKey);
        return (float) Math.log((papers + 1.0) / ((n == null ? 0 : n) + 1.0));
    }

    static byte coarse(String upos) {
        return switch (upos) {
            case "NOUN" -> NOUN;
            case "PROPN" -> PROPN;
            case "ADJ" -> ADJ;
            case "VERB" -> VERB;
            case "NUM" -> NUM;
            default -> OTHER; // DET, ADP, AUX, PRON, CCONJ, SCONJ, PART, ADV, PUNCT, SYM, X, INTJ
        };
    }

    private static KeyphraseModel load() {
        Map<String, Byte> pos = new HashMap<>();
        Map<String, Integer> df = new HashMap<>();
        int[] papers = {1};
        read("/pos-lexicon.tsv", (k, v) -> pos.put(k, coarse(v)));
        read("/word-df.tsv", (k, v) -> {
            if (k.equals("# papers")) papers[0] = Integer.parseInt(v);
            else df.put(k, Integer.parseInt(v));
        });
        return new KeyphraseModel(Map.copyOf(pos), Map.copyOf(df), papers[0]);
    }

    private static void read(String resource, java.util.function.BiConsumer<String, String> line) {
        try (InputStream in = KeyphraseModel.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("classpath resource " + resource + " not found");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String s; (s = r.readLine()) != null; ) {
                int tab = s.indexOf('\t');
                if (tab < 0) continue;
                if (s.startsWith("#") && !s.startsWith("# papers\t")) continue;
                line.accept(s.substring(0, tab), s.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
