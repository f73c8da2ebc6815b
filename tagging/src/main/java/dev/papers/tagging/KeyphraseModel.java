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
 * The keyphrase extractor's shipped corpus model ({@code /keyphrase-model.tsv}, built offline by
 * {@code KeyphraseModelBuilder} in the test sources with Apache OpenNLP's English POS model over real Daily Papers):
 * per word, how often it was a noun, an adjective, a verb or something else in context, and in how many of the
 * corpus papers it occurs. Immutable; loaded once; read once per distinct token (the analysis memoises terms).
 */
final class KeyphraseModel {
    /** The word can end a noun phrase (it is a noun often enough). */
    static final int HEAD = 1;
    /** The word can stand inside a noun phrase (a noun or adjective often enough). */
    static final int MODIFIER = 2;
    /** The word is mostly a noun: only such a word (or a name) is a keyphrase on its own ("predict" is not). */
    static final int MOSTLY_NOUN = 32;
    static final double MOSTLY_NOUN_SHARE = 0.5;
    /** Share of a word's readings that must be nominal: "training" (noun and verb) heads, "begins" does not. */
    static final double HEAD_SHARE = 0.3;
    static final double MODIFIER_SHARE = 0.4;

    static final KeyphraseModel DEFAULT = load("/keyphrase-model.tsv");

    private record Word(int pos, float idf) {}

    private final Map<String, Word> words;
    /** The idf of a word the corpus never showed: rarer than any. */
    private final float unseenIdf;
    private final int papers;

    private KeyphraseModel(Map<String, Word> words, int papers) {
        this.words = words;
        this.papers = papers;
        this.unseenIdf = idf(papers, 0);
    }

    /** {@link #HEAD} | {@link #MODIFIER} | {@link #MOSTLY_NOUN} of a word key ({@link Keyphrases#wordKey}); an unseen word is taken for a name: both. */
    int pos(String wordKey) {
        Word w = words.get(wordKey);
        return w == null ? HEAD | MODIFIER | MOSTLY_NOUN : w.pos();
    }

    /** Inverse document frequency {@code ln((N+1)/(df+1))} of a word key in the background corpus. */
    float idf(String wordKey) {
        Word w = words.get(wordKey);
        return w == null ? unseenIdf : w.idf();
    }

    /** The idf of a word found in {@code share} of the background papers. */
    float idfOfShare(double share) {
        return idf(papers, (int) Math.round(share * papers));
    }

    private static KeyphraseModel load(String resource) {
        Map<String, int[]> rows = new HashMap<>();
        int papers = 0;
        try (InputStream in = KeyphraseModel.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("classpath resource " + resource + " not found");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String s; (s = r.readLine()) != null; ) {
                String[] f = s.split("\t");
                if (f[0].equals("#papers")) papers = Integer.parseInt(f[1]);
                if (f[0].startsWith("#") || f.length != 6) continue;
                int[] c = new int[5];
                for (int i = 0; i < 5; i++) c[i] = Integer.parseInt(f[i + 1]);
                rows.put(f[0], c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        if (papers <= 0) throw new IllegalStateException(resource + ": no #papers line");
        Map<String, Word> words = new HashMap<>();
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            int[] c = e.getValue();
            double total = c[0] + c[1] + c[2] + c[3];
            if (total == 0) continue; // seen in titles only: unknown part of speech, and too rare to matter for idf
            int pos = (c[0] >= HEAD_SHARE * total ? HEAD : 0) | (c[0] + c[1] >= MODIFIER_SHARE * total ? MODIFIER : 0)
                    | (c[0] >= MOSTLY_NOUN_SHARE * total ? MOSTLY_NOUN : 0);
            words.put(e.getKey(), new Word(pos, idf(papers, c[4])));
        }
        return new KeyphraseModel(Map.copyOf(words), papers);
    }

    private static float idf(int papers, int df) {
        return (float) Math.log((papers + 1.0) / (df + 1.0));
    }
}
