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
 * Taxonomy tags against hand labels (issue #23 item 3): {@code taxonomy-labels.tsv} holds, for each of the 129 real
 * papers under {@code hf-days/}, the tags a reader judged to apply from its title and abstract (labelled before the
 * tagger was run on them). Per tag: precision = correct firings / firings, coverage = labelled papers it fires on.
 */
class TaxonomyPrecisionTest {
    /** Tags that fire this often on the sample are held to the precision bar; rarer ones are printed only. */
    static final int MIN_FIRINGS = 3;
    static final double MIN_PRECISION = 0.8;

    record Row(String tag, int fired, int correct, int labelled) {
        double precision() {
            return fired == 0 ? Double.NaN : (double) correct / fired;
        }

        double coverage() {
            return labelled == 0 ? Double.NaN : (double) (correct) / labelled;
        }
    }

    private static Map<String, Row> table;
    private static int papers;

    @BeforeAll
    static void measure() {
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        Map<String, Set<String>> labels = labels(tagger.taxonomyTags());
        Map<String, int[]> counts = new TreeMap<>(); // tag -> fired, correct, labelled
        for (String t : tagger.taxonomyTags()) counts.put(t, new int[3]);
        int n = 0;
        StringBuilder misses = new StringBuilder("wrong firings (tag, paper, evidence) and missed labels:\n");
        for (HfDays.Paper p : HfDays.committed()) {
            Set<String> truth = labels.get(p.id());
            assertThat(truth).as("labels for %s", p.id()).isNotNull();
            n++;
            for (String t : truth) counts.get(t)[2]++;
            Set<String> missed = new TreeSet<>(truth);
            for (TagScore s : tagger.tag(p.title(), p.summary())) {
                if (s.tag().startsWith("kw:")) continue;
                counts.get(s.tag())[0]++;
                missed.remove(s.tag());
                if (truth.contains(s.tag())) counts.get(s.tag())[1]++;
                else misses.append("  %s  %s  %s%n".formatted(s.tag(), p.id(), s.evidence()));
            }
            if (!missed.isEmpty()) misses.append("  missed %s: %s%n".formatted(p.id(), missed));
        }
        papers = n;
        table = new LinkedHashMap<>();
        counts.forEach((t, c) -> table.put(t, new Row(t, c[0], c[1], c[2])));
        System.out.println(render(table, papers));
        System.out.println(misses);
    }

    @Test
    void everyCommittedPaperIsLabelled() {
        assertThat(papers).isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyTagFiringAtLeastThreeTimesHasPrecisionOfAtLeast08() {
        List<String> failing = new ArrayList<>();
        for (Row r : table.values()) {
            if (r.fired() >= MIN_FIRINGS && r.precision() < MIN_PRECISION) {
                failing.add("%s %d/%d".formatted(r.tag(), r.correct(), r.fired()));
            }
        }
        assertThat(failing).as("tags below precision %.1f on %d labelled papers", MIN_PRECISION, papers).isEmpty();
    }

    /** Markdown table: tag, fired, correct, precision, labelled, coverage; then the micro-averaged totals. */
    static String render(Map<String, Row> rows, int papers) {
        StringBuilder sb = new StringBuilder("taxonomy precision on %d labelled papers%n".formatted(papers));
        sb.append("| tag | fired | correct | precision | labelled | coverage |\n|---|---|---|---|---|---|\n");
        int fired = 0, correct = 0, labelled = 0;
        for (Row r : rows.values()) {
            fired += r.fired();
            correct += r.correct();
            labelled += r.labelled();
            if (r.fired() == 0 && r.labelled() == 0) continue;
            sb.append("| %s | %d | %d | %s | %d | %s |%n".formatted(r.tag(), r.fired(), r.correct(), fmt(r.precision()),
                    r.labelled(), fmt(r.coverage())));
        }
        sb.append("| ALL | %d | %d | %s | %d | %s |%n".formatted(fired, correct, fmt((double) correct / fired), labelled,
                fmt((double) correct / labelled)));
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : "%.2f".formatted(v);
    }

    /** id -> tags, from the TSV (comment lines start with {@code #}); every tag must be a taxonomy tag. */
    static Map<String, Set<String>> labels(List<String> taxonomy) {
        Path file = HfDays.resourceDir().resolveSibling("taxonomy-labels.tsv");
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                assertThat(cols).as("line %s", line).hasSize(3);
                Set<String> tags = new LinkedHashSet<>();
                if (!cols[2].equals("-")) tags.addAll(Arrays.asList(cols[2].trim().split(" +")));
                assertThat(taxonomy).as("tags of %s", cols[0]).containsAll(tags);
                out.put(cols[0], tags);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
