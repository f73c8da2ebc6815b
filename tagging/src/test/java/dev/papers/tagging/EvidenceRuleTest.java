package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papers.common.TagScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #23 item 3: a taxonomy tag fires only with evidence in the title or at least two distinct mentions in the
 * abstract. Hand-written cases on a one-tag taxonomy (so no other tag's phrases interfere) and on the default one.
 */
class EvidenceRuleTest {
    private static final Tagger DEFAULT = Tagger.fromDefaultTaxonomy();

    @Test
    void oneAbstractMentionIsNotEvidenceTwoAreAndOneTitleMentionIs(@TempDir Path dir) throws IOException {
        Tagger t = oneTag(dir, "tags:\n  - name: proteins\n    phrases: [protein folding, AlphaFold]\n");
        assertThat(tags(t, "A new method", "We compare with AlphaFold on one task.")).isEmpty();
        assertThat(tags(t, "A new method", "We compare with AlphaFold. Protein folding errors drop.")).containsExactly("proteins");
        // the same phrase at two places is two mentions
        assertThat(tags(t, "A new method", "AlphaFold is strong. We still beat AlphaFold.")).containsExactly("proteins");
        assertThat(tags(t, "Protein folding at scale", "")).containsExactly("proteins");
    }

    @Test
    void adjacentMatchesOfOneTagAreOneMention(@TempDir Path dir) throws IOException {
        Tagger t = oneTag(dir, "tags:\n  - name: med\n    phrases: [medical, diagnosis]\n");
        assertThat(tags(t, "A new method", "It helps medical diagnosis.")).isEmpty();
        assertThat(tags(t, "A new method", "It helps medical staff with diagnosis.")).containsExactly("med");
    }

    @Test
    void aTagMayAskForMoreMentionsButNotFewerThanTwo(@TempDir Path dir) throws IOException {
        Tagger three = oneTag(dir, "tags:\n  - name: math\n    min_abstract_hits: 3\n    phrases: [math]\n");
        assertThat(tags(three, "A", "math and math")).isEmpty();
        assertThat(tags(three, "A", "math and math and math")).containsExactly("math");
        Path yaml = dir.resolve("one.yaml");
        Files.writeString(yaml, "tags:\n  - name: x\n    min_abstract_hits: 1\n    phrases: [x-ray]\n");
        assertThatThrownBy(() -> Tagger.fromFile(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min_abstract_hits must be at least 2").hasNoCause();
    }

    @Test
    void evidenceOfEveryFiredTagIsATitleMatchOrTwoAbstractMentions() {
        for (HfDays.Paper p : HfDays.committed()) {
            for (TagScore s : DEFAULT.tag(p.title(), p.summary())) {
                if (s.tag().startsWith("kw:")) continue;
                // distinct surfaces are listed once, so one abstract surface alone must occur twice in the abstract
                boolean title = s.evidence().contains("title:\"");
                List<String> abs = List.of(s.evidence().split("; ")).stream().filter(e -> e.startsWith("abstract:")).toList();
                if (title || abs.size() >= 2) continue;
                assertThat(abs).as("%s on %s: %s", s.tag(), p.id(), s.evidence()).hasSize(1);
                String surface = abs.get(0).substring("abstract:\"".length(), abs.get(0).length() - 1).toLowerCase();
                String text = p.summary().replace('"', '\'').toLowerCase();
                assertThat(text.indexOf(surface, text.indexOf(surface) + surface.length()))
                        .as("%s on %s fired on one mention of %s", s.tag(), p.id(), surface).isNotNegative();
            }
        }
    }

    @Test
    void aPhraseDoesNotStartInsideAHyphenatedWord() {
        String vlm = "Vision-language models see. We probe vision-language models.";
        assertThat(tags(DEFAULT, "A study", vlm)).contains("vision-language").doesNotContain("llm");
        assertThat(tags(DEFAULT, "A study", "Large language models read. We probe large language models.")).contains("llm");
        // one word inside a hyphenated word still counts: text-to-video is about video
        assertThat(tags(DEFAULT, "Text-to-Video at scale", "")).contains("video");
    }

    private static Tagger oneTag(Path dir, String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "tax", ".yaml");
        Files.writeString(f, yaml);
        return Tagger.fromFile(f);
    }

    private static List<String> tags(Tagger t, String title, String abs) {
        return t.tag(title, abs).stream().map(TagScore::tag).filter(x -> !x.startsWith("kw:")).toList();
    }
}
