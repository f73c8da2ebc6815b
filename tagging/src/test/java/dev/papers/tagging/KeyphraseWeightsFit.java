package dev.papers.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the weights of {@link Keyphrases#score} offline, run by hand (prints them for pasting into {@code Keyphrases}):
 * <pre>
 * java -cp &lt;tagging test class path&gt; dev.papers.tagging.KeyphraseWeightsFit
 * </pre>
 * A logistic regression by gradient descent over every eligible candidate of the papers of
 * {@link KeyphraseYardstickTest#TUNING_DAYS} only (the other committed days stay held out). Target: half whether the
 * candidate meets one of the paper's {@code ai_keywords} as the yardstick matches them, half whether it equals one
 * (so whole keyphrases are preferred to words that merely occur inside one). The rarity weight {@link Keyphrases#W_IDF}
 * is fixed before the fit (left free, the fit drives it to zero: Hugging Face's keywords include common phrases, and
 * the issue asks that those rank low).
 */
final class KeyphraseWeightsFit {
    private KeyphraseWeightsFit() {}

    static final String[] NAMES = {"W_BIAS", "W_LOG_ABSTRACT_HITS", "W_IN_TITLE", "W_ONE_UNIT", "W_THREE_UNITS_OR_MORE",
        "W_NAME", "W_ADJECTIVE_FIRST", "W_HYPHEN_GROUP", "W_FIRST_POSITION", "W_CAPITALISED", "W_COMPLETE"};

    public static void main(String[] args) {
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        for (HfDays.Paper p : HfDays.committed()) {
            if (!KeyphraseYardstickTest.TUNING_DAYS.contains(p.day()) || p.aiKeywords().isEmpty()) continue;
            tagger.tag(p.title(), p.summary()); // leaves this paper's candidates in the thread's scratch
            Analysis an = tagger.analysisOfThisThread();
            Keyphrases.Scratch s = an.keyphrases;
            List<String> theirs = p.aiKeywords().stream().map(KeyphraseYardstickTest::stems).toList();
            for (int q = 0; q < s.phrases; q++) {
                if (!Keyphrases.eligible(s, q)) continue;
                Analysis.Field f = s.field[q] == 0 ? an.title : an.abstractField;
                String ours = KeyphraseYardstickTest.stems(f.text.substring(f.start[s.first[q]], f.end[s.last[q]]));
                boolean meets = theirs.stream().anyMatch(t -> KeyphraseYardstickTest.match(ours, t));
                boolean equals = theirs.contains(ours);
                int shape = s.shape[q], units = s.units[q];
                xs.add(new double[] {1, Math.log1p(s.abstractHits[q]), s.titleHits[q] > 0 ? 1 : 0, units == 1 ? 1 : 0,
                    units >= 3 ? 1 : 0, s.name[q] ? 1 : 0, (shape & Keyphrases.ADJECTIVE_FIRST) != 0 ? 1 : 0,
                    (shape & Keyphrases.HYPHEN_GROUP) != 0 ? 1 : 0, s.position[q], (shape & Keyphrases.CAPITALISED) != 0 ? 1 : 0,
                    (shape & Keyphrases.COMPLETE) != 0 ? 1 : 0});
                ys.add(0.5 * (meets ? 1 : 0) + 0.5 * (equals ? 1 : 0));
                offsets.add(Keyphrases.W_IDF * s.idfMax[q]);
            }
        }
        double[] w = fit(xs, ys, offsets);
        System.out.printf(Locale.ROOT, "%d candidates of the tuning days%n", xs.size());
        for (int i = 0; i < w.length; i++) System.out.printf(Locale.ROOT, "static final double %s = %.2f;%n", NAMES[i], w[i]);
    }

    /** Logistic regression on standardised features (column 0 the bias), L2 1e-3, then back to raw feature units. */
    static double[] fit(List<double[]> xs, List<Double> ys, List<Double> offsets) {
        int n = xs.size(), d = xs.get(0).length;
        double[] mean = new double[d], sd = new double[d];
        for (double[] x : xs) for (int j = 1; j < d; j++) mean[j] += x[j] / n;
        for (double[] x : xs) for (int j = 1; j < d; j++) sd[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
        for (int j = 1; j < d; j++) sd[j] = Math.sqrt(sd[j]) + 1e-9;
        double[] w = new double[d];
        for (int it = 0; it < 3000; it++) {
            double[] g = new double[d];
            for (int i = 0; i < n; i++) {
                double[] x = xs.get(i);
                double z = w[0] + offsets.get(i);
                for (int j = 1; j < d; j++) z += w[j] * (x[j] - mean[j]) / sd[j];
                double err = 1 / (1 + Math.exp(-z)) - ys.get(i);
                g[0] += err / n;
                for (int j = 1; j < d; j++) g[j] += err * (x[j] - mean[j]) / sd[j] / n;
            }
            for (int j = 0; j < d; j++) w[j] -= 0.5 * (g[j] + (j == 0 ? 0 : 1e-3 * w[j]));
        }
        double[] raw = new double[d];
        raw[0] = w[0];
        for (int j = 1; j < d; j++) {
            raw[j] = w[j] / sd[j];
            raw[0] -= w[j] * mean[j] / sd[j];
        }
        return raw;
    }
}
