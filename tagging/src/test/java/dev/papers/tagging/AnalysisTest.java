package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.TagScore;
import dev.papers.tagging.text.TextAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tagger's one-pass, memoised analysis yields exactly the stems of the shared chain ({@link TextAnalysis}). */
class AnalysisTest {

    private static List<String> stems(Analysis an, Analysis.Units u) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < u.n; i++) out.add(an.stem[u.term[i]]);
        return out;
    }

    @Test
    void stemsEqualTheSharedChainOnEverySeedTitleAndAbstract() {
        Analysis an = new Analysis(Map.of());
        Analysis.Field f = new Analysis.Field();
        int texts = 0;
        for (Entry e : SeedTaggingTest.loadSeeds().values()) {
            for (String text : new String[] {e.title(), e.abstractText()}) {
                an.beginPaper();
                an.analyse(text, f);
                assertThat(stems(an, f.split)).as(text).isEqualTo(TextAnalysis.terms(text));
                texts++;
            }
        }
        assertThat(texts).isGreaterThan(600);
    }

    @Test
    void stemsEqualTheSharedChainOnTrickyText() {
        String text = "The model's Pre-Trained LLMs — naïve café Ünïcode; GPT-3.5 isn't 3D-aware, e.g. x86_64 "
                + "CEO’s U.S.A. co-operation state-of-the-art 1,000 ½ ﬁnetuning mixture-of-experts SkEP's \"quoted\" "
                + "\u2010hyphen non\u2011breaking";
        Analysis an = new Analysis(Map.of());
        Analysis.Field f = new Analysis.Field();
        an.beginPaper();
        an.analyse(text, f);
        assertThat(stems(an, f.split)).isEqualTo(TextAnalysis.terms(text));
        // the memo does not change the answer: a second pass reads it back
        an.analyse(text, f);
        assertThat(stems(an, f.split)).isEqualTo(TextAnalysis.terms(text));
    }

    @Test
    void joinedSequenceMergesHyphenatedWords() {
        Analysis an = new Analysis(Map.of());
        Analysis.Field f = new Analysis.Field();
        an.beginPaper();
        an.analyse("Pre-training of state-of-the-art models", f);
        assertThat(f.anyHyphenLink).isTrue();
        assertThat(stems(an, f.joined)).containsExactlyElementsOf(TextAnalysis.terms("Pretraining of stateoftheart models"));
        assertThat(f.joined.pos[0]).isEqualTo(0);
        assertThat(f.joined.pos[1]).isEqualTo(2); // "of" leaves a gap, as in Lucene
        an.analyse("No hyphen here", f);
        assertThat(f.anyHyphenLink).isFalse();
        assertThat(f.joined.n).isZero();
    }

    @Test
    void memoResetKeepsResultsIdentical() {
        Tagger tagger = Tagger.fromDefaultTaxonomy();
        String title = "Knowledge Enhanced Pre-training of Large Language Models";
        String abs = "We inject factual knowledge from a knowledge graph into LLMs during pre-training and study retrieval.";
        List<TagScore> before = tagger.tag(title, abs);
        // more distinct words than the memo keeps: the next paper starts with a fresh memo
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < Analysis.MAX_TERMS + 10; i++) noise.append('w').append(Integer.toString(i, 36)).append(' ');
        assertThat(tagger.tag("noise", noise.toString())).isNotNull();
        Analysis an = tagger.analysisOfThisThread();
        assertThat(an.terms).isGreaterThan(Analysis.MAX_TERMS);
        assertThat(tagger.tag(title, abs)).isEqualTo(before);
        assertThat(an.terms).isLessThan(1000);
    }

    @Test
    void twoTaggersOnOneThreadDoNotShareTaxonomyIds() {
        Tagger a = Tagger.fromDefaultTaxonomy();
        Tagger b = Tagger.fromDefaultTaxonomy();
        String title = "Retrieval-Augmented Generation for Medical Question Answering";
        List<TagScore> first = a.tag(title, "");
        assertThat(b.tag(title, "")).isEqualTo(first);
        assertThat(a.tag(title, "")).isEqualTo(first);
    }
}
