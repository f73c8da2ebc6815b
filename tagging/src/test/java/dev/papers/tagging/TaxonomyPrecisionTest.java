package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.TagScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Taxonomy tags against hand labels (issue #23 item 3), on two samples of real papers labelled from their title and
 * abstract before the tagger was run on them:
 * <ul>
 *   <li>{@code taxonomy-labels.tsv}: the 129 papers under {@code hf-days/}, on which the taxonomy was tuned;</li>
 *   <li>{@code taxonomy-labels-heldout.tsv}: 132 papers of other days ({@code taxonomy-heldout/}), chosen to make the
 *       rare tags fire and never used to tune the taxonomy, so its overall precision is an honest estimate.</li>
 * </ul>
 * Per tag: precision = correct firings / firings, coverage = labelled papers it fires on / labelled papers.
 */
class TaxonomyPrecisionTest {
    /** Every tag that fires at all on the two samples together is held to the precision bar (the issue: each tag). */
    static final int MIN_FIRINGS = 1;
    static final double MIN_PRECISION = 0.8;

    record Row(String tag, int fired, int correct, int labelled) {
        double precision() {
            return fired == 0 ? Double.NaN : (double) correct / fired;
        }

        double coverage() {
            return labelled == 0 ? Double.NaN : (double) correct / labelled;
        }

        Row plus(Row o) {
            return new Row(tag, fired + o.fired, correct + o.correct, labelled + o.labelled);
        }
    }

    /** One sample's measurement: per-tag rows and every firing as "tag  id  evidence [wrong]". */
    record Measured(String name, int papers, Map<String, Row> rows, Map<String, List<String>> firings) {
        int fired() {
            return rows.values().stream().mapToInt(Row::fired).sum();
        }

        int correct() {
            return rows.values().stream().mapToInt(Row::correct).sum();
        }
    }

    private static Measured tuned;
    private static Measured heldOut;
    private static Measured both;

    @BeforeAll
    static void measure() {
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        tuned = measure(tagger, "hf-days (tuned on)", HfDays.committed(), "taxonomy-labels.tsv");
        heldOut = measure(tagger, "held-out", HfDays.heldOut(), "taxonomy-labels-heldout.tsv");
        Map<String, Row> rows = new TreeMap<>();
        Map<String, List<String>> firings = new TreeMap<>();
        for (String t : tagger.taxonomyTags()) {
            rows.put(t, tuned.rows().get(t).plus(heldOut.rows().get(t)));
            List<String> f = new ArrayList<>(tuned.firings().get(t));
            f.addAll(heldOut.firings().get(t));
            firings.put(t, f);
        }
        both = new Measured("both samples", tuned.papers() + heldOut.papers(), rows, firings);
        for (Measured m : List.of(tuned, heldOut, both)) System.out.println(render(m));
        StringBuilder rare = new StringBuilder("tags firing fewer than %d times on both samples:%n".formatted(MIN_FIRINGS));
        both.rows().values().stream().filter(r -> r.fired() < MIN_FIRINGS).forEach(r -> {
            rare.append("  %s: %d%n".formatted(r.tag(), r.fired()));
            both.firings().get(r.tag()).forEach(f -> rare.append("    ").append(f).append('\n'));
        });
        System.out.println(rare);
    }

    @Test
    void bothSamplesAreLabelledInFull() {
        assertThat(tuned.papers()).isGreaterThanOrEqualTo(100);
        assertThat(heldOut.papers()).isGreaterThanOrEqualTo(120);
        assertThat(both.papers()).isGreaterThanOrEqualTo(249);
    }

    @Test
    void everyTagFiringAtLeastThreeTimesHasPrecisionOfAtLeast08() {
        List<String> failing = new ArrayList<>();
        for (Row r : both.rows().values()) {
            if (r.fired() >= MIN_FIRINGS && r.precision() < MIN_PRECISION) {
                failing.add("%s %d/%d".formatted(r.tag(), r.correct(), r.fired()));
            }
        }
        assertThat(failing).as("tags below precision %.1f on %d labelled papers", MIN_PRECISION, both.papers()).isEmpty();
    }

    @Test
    void overallPrecisionOnTheHeldOutSampleIsAtLeast08() {
        double precision = (double) heldOut.correct() / heldOut.fired();
        assertThat(precision).as("%d/%d firings right on the held-out sample", heldOut.correct(), heldOut.fired())
                .isGreaterThanOrEqualTo(MIN_PRECISION);
    }

    static Measured measure(Tagger tagger, String name, List<HfDays.Paper> papers, String labelsFile) {
        Map<String, Set<String>> labels = labels(labelsFile, tagger.taxonomyTags());
        Map<String, int[]> counts = new TreeMap<>(); // tag -> fired, correct, labelled
        Map<String, List<String>> firings = new TreeMap<>();
        for (String t : tagger.taxonomyTags()) {
            counts.put(t, new int[3]);
            firings.put(t, new ArrayList<>());
        }
        StringBuilder misses = new StringBuilder("%s: wrong firings (tag, paper, evidence) and missed labels:%n".formatted(name));
        Set<String> seen = new TreeSet<>();
        for (HfDays.Paper p : papers) {
            Set<String> truth = labels.get(p.id());
            assertThat(truth).as("labels for %s in %s", p.id(), labelsFile).isNotNull();
            seen.add(p.id());
            for (String t : truth) counts.get(t)[2]++;
            Set<String> missed = new TreeSet<>(truth);
            for (TagScore s : tagger.tag(p.title(), p.summary())) {
                if (s.tag().startsWith("kw:")) continue;
                boolean right = truth.contains(s.tag());
                counts.get(s.tag())[0]++;
                missed.remove(s.tag());
                if (right) counts.get(s.tag())[1]++;
                else misses.append("  %s  %s  %s%n".formatted(s.tag(), p.id(), s.evidence()));
                firings.get(s.tag()).add("%s  %s%s".formatted(p.id(), s.evidence(), right ? "" : "  [wrong]"));
            }
            if (!missed.isEmpty()) misses.append("  missed %s: %s%n".formatted(p.id(), missed));
        }
        assertThat(seen).as("papers of %s", labelsFile).isEqualTo(labels.keySet());
        System.out.println(misses);
        Map<String, Row> rows = new LinkedHashMap<>();
        counts.forEach((t, c) -> rows.put(t, new Row(t, c[0], c[1], c[2])));
        return new Measured(name, papers.size(), rows, firings);
    }

    /** Markdown table: tag, fired, correct, precision, labelled, coverage; then the micro-averaged totals. */
    static String render(Measured m) {
        StringBuilder sb = new StringBuilder("taxonomy precision on %d labelled papers (%s)%n".formatted(m.papers(), m.name()));
        sb.append("| tag | fired | correct | precision | labelled | coverage |\n|---|---|---|---|---|---|\n");
        int labelled = 0;
        for (Row r : m.rows().values()) {
            labelled += r.labelled();
            if (r.fired() == 0 && r.labelled() == 0) continue;
            sb.append("| %s | %d | %d | %s | %d | %s |%n".formatted(r.tag(), r.fired(), r.correct(), fmt(r.precision()),
                    r.labelled(), fmt(r.coverage())));
        }
        sb.append("| ALL | %d | %d | %s | %d | %s |%n".formatted(m.fired(), m.correct(), fmt((double) m.correct() / m.fired()),
                labelled, fmt((double) m.correct() / labelled)));
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : "%.2f".formatted(v);
    }

    /** id -> tags, from a labels TSV beside {@code hf-days/} (comment lines start with {@code #}); only taxonomy tags. */
    static Map<String, Set<String>> labels(String fileName, List<String> taxonomy) {
        Path file = HfDays.resourceDir().resolveSibling(fileName);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                assertThat(cols).as("line %s", line).hasSize(3);
                Set<String> tags = new LinkedHashSet<>();
                if (!cols[2].equals("-")) tags.addAll(Arrays.asList(cols[2].trim().split(" +")));
                assertThat(taxonomy).as("tags of %s", cols[0]).containsAll(tags);
                assertThat(out.put(cols[0], tags)).as("%s labelled twice", cols[0]).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
