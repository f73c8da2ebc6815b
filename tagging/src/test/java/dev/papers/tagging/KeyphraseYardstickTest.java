package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.TagScore;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * The {@code kw:} tags measured against Hugging Face's own {@code ai_keywords} on the committed real days
 * ({@code hf-days/}, 127 papers that have them; the keyphrase model was fitted on three of the days, see
 * {@link #TUNING_DAYS}). A tag and a keyword match when one contains the other after lower-casing
 * and stemming (Lucene's EnglishAnalyzer: lower case, stop words out, Porter stems; word-aligned containment). The
 * yardstick's analysis is Lucene's, not the tagger's own, so the figures do not lean on the code under test.
 */
class KeyphraseYardstickTest {
    private static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    private static final Analyzer STEMMER = new EnglishAnalyzer();

    record Figures(int papers, int tags, int tagsMatched, int keywords, int keywordsMatched) {
        double precision() { return (double) tagsMatched / tags; }
        double recall() { return (double) keywordsMatched / keywords; }
    }

    static Figures measure(List<HfDays.Paper> papers) {
        int n = 0, tags = 0, tagsOk = 0, kws = 0, kwsOk = 0;
        for (HfDays.Paper p : papers) {
            if (p.aiKeywords().isEmpty()) continue;
            n++;
            List<String> ours = TAGGER.tag(p.title(), p.summary()).stream().map(TagScore::tag)
                    .filter(t -> t.startsWith("kw:")).map(t -> stems(t.substring(3))).toList();
            List<String> theirs = p.aiKeywords().stream().map(KeyphraseYardstickTest::stems).toList();
            for (String o : ours) {
                tags++;
                if (theirs.stream().anyMatch(t -> match(o, t))) tagsOk++;
            }
            for (String t : theirs) {
                kws++;
                if (ours.stream().anyMatch(o -> match(o, t))) kwsOk++;
            }
        }
        return new Figures(n, tags, tagsOk, kws, kwsOk);
    }

    /** The days the keyphrase model's weights were fitted on; the other committed days are held out. */
    static final Set<String> TUNING_DAYS = Set.of("2026-03-13", "2026-03-25", "2026-04-10");

    @Test
    void kwTagsAgreeWithHuggingFacesKeywordsOnTheCommittedDays() {
        Figures f = measure(HfDays.committed());
        System.out.printf("keyphrase yardstick: %d papers, %d kw tags, %.1f %% match an ai_keyword; %d ai_keywords, %.1f %% matched by a tag%n",
                f.papers(), f.tags(), 100 * f.precision(), f.keywords(), 100 * f.recall());
        assertThat(f.papers()).isGreaterThanOrEqualTo(100);
        // issue #23's goal. Recall counts kw: tags only, though the issue lets taxonomy tags count too (stricter here)
        assertThat(f.precision()).as("share of kw tags matching an ai_keyword").isGreaterThanOrEqualTo(0.50);
        assertThat(f.recall()).as("share of ai_keywords matched by a kw tag").isGreaterThanOrEqualTo(0.40);
    }

    @Test
    void theGoalHoldsOnTheDaysTheModelWasNotFittedOn() {
        List<HfDays.Paper> heldOut = HfDays.committed().stream().filter(p -> !TUNING_DAYS.contains(p.day())).toList();
        Figures f = measure(heldOut);
        System.out.printf("held-out days: %d papers, %.1f %% of kw tags match, %.1f %% of ai_keywords matched%n",
                f.papers(), 100 * f.precision(), 100 * f.recall());
        assertThat(f.papers()).isGreaterThanOrEqualTo(40);
        assertThat(f.precision()).isGreaterThanOrEqualTo(0.50);
        assertThat(f.recall()).isGreaterThanOrEqualTo(0.40);
    }

    @Test
    void noKeyphraseIsCommonToManyPapers() {
        // the issue: a phrase common to every paper ranks low; on real days no kw tag labels more than one paper in eight
        // (the committed days lean to video: "video", in 17 % of the background papers, labels 13 of these 129)
        List<HfDays.Paper> papers = HfDays.committed();
        Map<String, Long> perTag = papers.stream()
                .flatMap(p -> TAGGER.tag(p.title(), p.summary()).stream().map(TagScore::tag).filter(t -> t.startsWith("kw:"))
                        .map(t -> t.toLowerCase(Locale.ROOT)).distinct())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(perTag).allSatisfy((tag, n) -> assertThat(n).as(tag).isLessThanOrEqualTo(papers.size() / 8));
    }

    @Test
    void matchIsWordAlignedContainmentAfterStemming() {
        assertThat(match(stems("Reinforcement Learning"), stems("reinforcement learning with verifiable rewards"))).isTrue();
        assertThat(match(stems("video reasoning datasets"), stems("video reasoning dataset"))).isTrue();
        assertThat(match(stems("RL"), stems("curl"))).isFalse();
        assertThat(match(stems("vision"), stems("video"))).isFalse();
    }

    static boolean match(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return false;
        return containsWords(a, b) || containsWords(b, a);
    }

    /** {@code inner} occurs in {@code outer} on word boundaries. */
    static boolean containsWords(String outer, String inner) {
        for (int at = outer.indexOf(inner); at >= 0; at = outer.indexOf(inner, at + 1)) {
            int end = at + inner.length();
            if ((at == 0 || outer.charAt(at - 1) == ' ') && (end == outer.length() || outer.charAt(end) == ' ')) return true;
        }
        return false;
    }

    static String stems(String phrase) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = STEMMER.tokenStream("f", new StringReader(phrase))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(" ", out);
    }

    /** Tuning aid, not a test: {@code -Dhfdays.dev=/dir} measures on other days (the committed ones stay held out). */
    public static void main(String[] args) {
        Figures f = measure(HfDays.read(Path.of(args[0])));
        System.out.printf("%d papers: precision %.3f recall %.3f (%d tags)%n", f.papers(), f.precision(), f.recall(), f.tags());
    }
}
