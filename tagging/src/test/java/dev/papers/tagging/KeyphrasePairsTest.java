package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.TagScore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keyphrases checked by hand on real papers of the committed Hugging Face days ({@code hf-days/}): each "must" phrase
 * was read in the paper's abstract and is a method, dataset, model, task or component name there, written as the
 * tag must show it (names and acronyms as written); each "must not" is a sentence fragment (it starts or ends in a
 * verb: "assess discipline-informed knowledge", "unified digital agents built") that the RAKE keyphrases before
 * issue #23 produced for that paper.
 */
class KeyphrasePairsTest {
    private static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    private static final Map<String, HfDays.Paper> PAPERS =
            HfDays.committed().stream().collect(Collectors.toMap(HfDays.Paper::id, Function.identity(), (a, b) -> a));

    private static List<String> keyphrases(String id) {
        HfDays.Paper p = PAPERS.get(id);
        assertThat(p).as("paper " + id + " in hf-days").isNotNull();
        return TAGGER.tag(p.title(), p.summary()).stream().map(TagScore::tag).filter(t -> t.startsWith("kw:")).toList();
    }

    @ParameterizedTest(name = "{0} has kw:{1}")
    @CsvSource(delimiter = '|', value = {
        "2603.12264|GRADE",
        "2603.12264|discipline-informed knowledge",
        "2603.12264|Logical Readability",
        "2603.22458|MinerU-Diffusion",
        "2603.22458|optical character recognition",
        "2603.22458|line-level transcription",
        "2603.23386|SIMART",
        "2603.23386|part-level decomposition",
        "2604.08546|NUMINA",
        "2604.08546|prompt-layout inconsistencies",
        "2604.08546|cross-attention heads",
        "2604.11201|CocoaBench",
        "2604.11201|long-horizon tasks",
        "2604.11201|software engineering",
        "2604.11201|model backbones",
        "2604.18564|MultiWorld",
        "2604.18564|Multi-Agent Condition Module",
        "2604.18564|precise multi-agent controllability",
        "2604.18564|multi-player game environments",
    })
    void mustAppear(String id, String phrase) {
        assertThat(keyphrases(id)).contains("kw:" + phrase);
    }

    @ParameterizedTest(name = "{0} has no kw:{1}")
    @CsvSource(delimiter = '|', value = {
        "2603.12264|assess discipline-informed knowledge",
        "2603.12264|jointly assesses discipline reasoning",
        "2603.12264|benchmarking discipline-informed reasoning",
        "2603.22458|replaces autoregressive sequential decoding",
        "2603.22458|rethinking document ocr",
        "2604.08546|training-free identify",
        "2604.08546|selecting discriminative self",
        "2604.08546|aligning textual numerals",
        "2604.11201|unified digital agents built",
        "2604.11201|evaluating unified digital agents",
        "2604.18564|multiworld supports flexible scaling",
    })
    void mustNotAppear(String id, String fragment) {
        assertThat(keyphrases(id)).map(t -> t.toLowerCase(Locale.ROOT)).doesNotContain("kw:" + fragment);
    }
}
