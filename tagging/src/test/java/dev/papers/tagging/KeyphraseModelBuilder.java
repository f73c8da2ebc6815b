package dev.papers.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;

/**
 * Builds the keyphrase extractor's shipped model ({@code keyphrase-model.tsv}, read by {@link KeyphraseModel}) offline,
 * run by hand over a corpus of Daily Papers days that excludes the yardstick's days:
 * <pre>
 * java -cp &lt;tagging test class path&gt; dev.papers.tagging.KeyphraseModelBuilder tagging/src/main/resources corpus-dir...
 * </pre>
 * Per word (the tagger's word key: lower case, ASCII-folded, plural stripped) it records how often Apache OpenNLP's
 * English UD part-of-speech model ({@code opennlp-models-pos-en}) tagged it, in context, as a noun, an adjective, a
 * verb and anything else, and in how many papers it occurs (the background document frequency that makes a phrase
 * common to every paper rank low). The pipeline never runs the maxent model (it tags ~100 papers/s); it looks words up.
 */
final class KeyphraseModelBuilder {
    private KeyphraseModelBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: KeyphraseModelBuilder <output dir> <corpus dir of daily_papers_*.json>...");
            System.exit(2);
        }
        List<HfDays.Paper> papers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) papers.addAll(HfDays.read(Path.of(args[i])));
        POSTaggerME pos;
        try (InputStream in = POSModel.class.getResourceAsStream("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")) {
            if (in == null) throw new IllegalStateException("the OpenNLP English POS model is not on the class path");
            pos = new POSTaggerME(new POSModel(in));
        }
        Analysis an = new Analysis(Map.of());
        Analysis.Field f = new Analysis.Field();
        Map<String, int[]> counts = new TreeMap<>(); // word key -> {noun, adj, verb, other, df}
        long t0 = System.nanoTime();
        for (HfDays.Paper p : papers) {
            Set<String> seen = new HashSet<>();
            for (String text : List.of(p.title(), p.summary())) {
                boolean title = text == p.title();
                an.beginPaper();
                an.analyse(text, f);
                List<String> toks = new ArrayList<>();
                List<Integer> word = new ArrayList<>(); // index into the field's tokens, -1 for punctuation
                for (int i = 0; i < f.n; i++) {
                    // the punctuation between tokens, one token per char, so the model sees sentence and clause breaks
                    for (int c = i == 0 ? 0 : f.end[i - 1]; c < f.start[i]; c++) {
                        char ch = text.charAt(c);
                        if (!Character.isWhitespace(ch)) {
                            toks.add(String.valueOf(ch));
                            word.add(-1);
                        }
                    }
                    toks.add(text.substring(f.start[i], f.end[i]));
                    word.add(i);
                }
                // titles are Title Case, which the model reads as names ("Achieve", "Predict"): their words count only
                // towards document frequency
                String[] tags = title ? null : pos.tag(toks.toArray(new String[0]));
                for (int k = 0; k < toks.size(); k++) {
                    if (word.get(k) < 0) continue;
                    String key = Keyphrases.wordKey(an.surface[f.term[word.get(k)]]);
                    if (key.isEmpty()) continue;
                    int[] c = counts.computeIfAbsent(key, x -> new int[5]);
                    if (!title) c[nominalGerund(toks, tags, k) ? 0 : coarse(tags[k])]++;
                    if (seen.add(key)) c[4]++;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder out = new StringBuilder()
                .append("# Built by KeyphraseModelBuilder with OpenNLP opennlp-models-pos-en (UD EWT) over ").append(papers.size())
                .append(" Daily Papers (parts of speech from abstracts, document frequency over title + abstract); see hf-days/PROVENANCE.md (test resources)\n")
                .append("# word key\tnoun\tadjective\tverb\tother\tdocument frequency\n")
                .append("#papers\t").append(papers.size()).append('\n');
        counts.forEach((w, c) -> out.append(w).append('\t').append(c[0]).append('\t').append(c[1]).append('\t').append(c[2])
                .append('\t').append(c[3]).append('\t').append(c[4]).append('\n'));
        Files.writeString(Path.of(args[0]).resolve("keyphrase-model.tsv"), out, StandardCharsets.UTF_8);
        System.out.printf("%d papers POS-tagged in %.1f s (%.0f papers/s); %d words%n", papers.size(), secs,
                papers.size() / secs, counts.size());
    }

    /**
     * UD annotates a gerund as VERB even where it heads a noun phrase after a noun or adjective ("reinforcement
     * learning", "instruction tuning"); the model's own tag of the word before tells that use apart from a verb's.
     */
    static boolean nominalGerund(List<String> toks, String[] tags, int k) {
        return tags[k].equals("VERB") && toks.get(k).endsWith("ing") && k > 0
                && (tags[k - 1].equals("NOUN") || tags[k - 1].equals("PROPN") || tags[k - 1].equals("ADJ"));
    }

    /** UD tag to the model's column: 0 noun (NOUN, PROPN), 1 adjective (ADJ, NUM), 2 verb (VERB, AUX), 3 other. */
    static int coarse(String upos) {
        return switch (upos) {
            case "NOUN", "PROPN" -> 0;
            case "ADJ", "NUM" -> 1;
            case "VERB", "AUX" -> 2;
            default -> 3; // ADV, ADP, DET, PRON, CCONJ, SCONJ, PART, PUNCT, SYM, X, INTJ
        };
    }
}
