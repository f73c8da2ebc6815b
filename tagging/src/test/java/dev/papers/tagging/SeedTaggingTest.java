package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.Entry;
import dev.papers.common.TagScore;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tagging quality on the real seed pages ({@code demo-data/*.txt}, all four, both formats), parsed with the pipeline's
 * own {@link ListingParser} and de-duplicated by paper id: coverage, and (paper, tag) pairs checked by hand against
 * the title and abstract that must be present or absent.
 */
class SeedTaggingTest {
    private static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();
    private static final Map<String, Entry> SEEDS = loadSeeds();

    @Test
    void seedPagesParseIntoManyUniquePapers() {
        assertThat(SEEDS).hasSizeGreaterThan(300);
    }

    @Test
    void atLeast95PercentOfUniqueSeedPapersGetATaxonomyTag() {
        long tagged = SEEDS.values().stream().filter(e -> !taxonomyTags(e).isEmpty()).count();
        assertThat((double) tagged / SEEDS.size()).as("share of %d unique seed papers with a taxonomy tag", SEEDS.size())
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void broadTagsAreNotOnMostPapers() {
        // before the broad tags were tightened, pretraining/knowledge/llm/dataset were on 70–90% of the seed papers
        // (which are listing pages about knowledge and pretraining, so those two stay common)
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Entry e : SEEDS.values()) for (String t : taxonomyTags(e)) counts.merge(t, 1, Integer::sum);
        int n = SEEDS.size();
        System.out.println("taxonomy tags on the " + n + " unique seed papers: " + new java.util.TreeMap<>(counts));
        assertThat(counts.getOrDefault("dataset", 0)).as("dataset").isLessThan(n / 4);
        // knowledge names the topic only (knowledge graphs/bases, factual knowledge in models, knowledge editing and
        // injection), not every "knowledge" in a title: it was on 119 of 325 seed papers before (issue #23)
        assertThat(counts.getOrDefault("knowledge", 0)).as("knowledge").isLessThan(n / 4);
        assertThat(counts.getOrDefault("evaluation", 0)).as("evaluation").isLessThan(n / 8);
        assertThat(counts.getOrDefault("benchmark", 0)).as("benchmark").isLessThan(n / 6);
        assertThat(counts.getOrDefault("efficiency", 0)).as("efficiency").isLessThan(n / 3);
        assertThat(counts.getOrDefault("domain-adaptation", 0)).as("domain-adaptation").isLessThan(n / 6);
        assertThat(counts.getOrDefault("embeddings", 0)).as("embeddings").isLessThan(n / 6);
        assertThat(counts.getOrDefault("safety", 0)).as("safety").isLessThan(n / 10);
    }

    @Test
    void everyTagHasEvidenceFromTheText() {
        for (Entry e : SEEDS.values()) {
            for (TagScore t : TAGGER.tag(e.title(), e.abstractText())) {
                assertThat(t.evidence()).as("%s on %s", t.tag(), e.title()).matches("(title|abstract):\".+\".*");
                for (String part : t.evidence().split("; (?=(title|abstract):\")")) {
                    boolean inTitle = part.startsWith("title:");
                    String quoted = part.substring(part.indexOf('"') + 1, part.length() - 1);
                    String field = inTitle ? e.title() : e.abstractText();
                    assertThat(field.replace('"', '\'')).as("%s evidence of %s", t.tag(), e.title()).contains(quoted);
                }
            }
        }
    }

    // ---------------------------------------------------------------- hand-checked pairs on seed papers

    @ParameterizedTest(name = "{1} on: {0}")
    @MethodSource("mustHave")
    void seedPaperHasTag(String titleStart, String tag) {
        assertThat(taxonomyTags(seed(titleStart))).contains(tag);
    }

    /** (title start, tag): each checked by reading the paper's title and abstract in demo-data. */
    static Stream<Arguments> mustHave() {
        return Stream.of(
                Arguments.of("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "pretraining"),
                Arguments.of("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "knowledge"),
                Arguments.of("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "nlp"),
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical", "biomedical"),
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical", "domain-adaptation"),
                Arguments.of("NeoQA: Evidence-based Question Answering", "question-answering"),
                Arguments.of("NeoQA: Evidence-based Question Answering", "rag"),
                // NeoQA is a benchmark, but its abstract names one only twice, once for others' ("benchmarks can
                // quickly become stale"), and its title not at all: short of the three mentions benchmark needs
                Arguments.of("ChemAgent: Enhancing LLMs for Chemistry", "chemistry"),
                Arguments.of("ChemAgent: Enhancing LLMs for Chemistry", "agents"),
                Arguments.of("Tests as Prompt: A Test-Driven-Development Benchmark", "code"),
                Arguments.of("TinyViT: Fast Pretraining Distillation", "distillation"),
                Arguments.of("TinyViT: Fast Pretraining Distillation", "computer-vision"),
                Arguments.of("BLSP-KD: Bootstrapping Language-Speech Pre-training", "speech"),
                Arguments.of("Granite Embedding Models", "embeddings"),
                Arguments.of("Granite Embedding Models", "retrieval"),
                Arguments.of("A Survey on Large Language Models for Mathematical Reasoning", "math"),
                Arguments.of("Procedure-Aware Surgical Video-language Pretraining", "medical"),
                Arguments.of("Procedure-Aware Surgical Video-language Pretraining", "video"),
                Arguments.of("MultiEURLEX", "legal"),
                Arguments.of("MultiEURLEX", "multilingual"),
                Arguments.of("Protap: A Benchmark for Protein Modeling", "biology"),
                Arguments.of("Protap: A Benchmark for Protein Modeling", "benchmark"),
                Arguments.of("Augmented Conditioning Is Enough For Effective Training Image Generation", "image-generation"),
                Arguments.of("Innovator: Scientific Continued Pretraining", "mixture-of-experts"),
                Arguments.of("Innovator: Scientific Continued Pretraining", "scientific"),
                Arguments.of("Unifying Large Language Models and Knowledge Graphs", "knowledge-graph"),
                Arguments.of("Drop-Upcycling: Training Sparse Mixture of Experts", "mixture-of-experts"),
                Arguments.of("LawGPT: A Chinese Legal Knowledge-Enhanced", "legal"),
                Arguments.of("From Generality to Mastery: Composer-Style Symbolic Music Generation", "audio"),
                Arguments.of("Youku-mPLUG", "video"),
                Arguments.of("Youku-mPLUG", "dataset"),
                Arguments.of("REALM: Retrieval-Augmented Language Model Pre-Training", "rag"),
                Arguments.of("Precise In-Parameter Concept Erasure", "safety"),
                Arguments.of("How Do Large Language Models Acquire Factual Knowledge During Pretraining", "knowledge"));
    }

    @ParameterizedTest(name = "no {1} on: {0}")
    @MethodSource("mustNotHave")
    void seedPaperLacksTag(String titleStart, String tag) {
        assertThat(taxonomyTags(seed(titleStart))).doesNotContain(tag);
    }

    /** (title start, tag): traps found on the seed pages — a word that fits the tag only out of context. */
    static Stream<Arguments> mustNotHave() {
        return Stream.of(
                // one passing mention in the abstract and none in the title is not evidence (issue #23): these three
                // were pinned as present before the rule; each abstract names the topic once
                // ("a 4TB corpus consisting of plain texts and a large-scale knowledge graph")
                Arguments.of("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "knowledge-graph"),
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical", "continual-pretraining"),
                Arguments.of("Augmented Conditioning Is Enough For Effective Training Image Generation", "diffusion"),
                Arguments.of("Protap: A Benchmark for Protein Modeling", "speech"),
                // sentiment knowledge, no knowledge graph/base in the text
                Arguments.of("SKEP: Sentiment Knowledge Enhanced Pre-training", "knowledge-graph"),
                Arguments.of("SKEP: Sentiment Knowledge Enhanced Pre-training", "evaluation"), // "Sentiment Analysis"
                Arguments.of("ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training", "efficiency"), // "Large-scale"
                Arguments.of("A Vision-Language Foundation Model for Leaf Disease Identification", "medical"), // plants
                Arguments.of("ChocoLlama: Lessons Learned From Teaching Llamas Dutch", "speech"), // "spoken by"
                Arguments.of("Does Localization Inform Editing?", "robotics"), // "manipulate" knowledge
                Arguments.of("EchoWorld: Learning Motion-Aware World Models for Echocardiography Probe", "interpretability"),
                Arguments.of("Physics of Language Models: Part 3.3", "scientific"),
                Arguments.of("CokeBERT: Contextual Knowledge Selection", "code"), // "source code" released
                Arguments.of("Team RAS in 9th ABAW Competition", "chemistry"), // "Compound Expression"
                Arguments.of("Emergent Visual-Semantic Hierarchies in Image-Text Representations", "image-generation"),
                Arguments.of("Don't Stop Pretraining: Adapt Language Models to Domains and Tasks", "low-resource-languages"),
                Arguments.of("Integrating Biological Knowledge for Robust Microscopy", "safety"), // "Robust"
                Arguments.of("Dynam3D: Dynamic Layered 3D Tokens", "nlp"), // "Tokens"
                Arguments.of("GAP: A Graph-aware Language Model Framework for Knowledge Graph-to-Text", "image-generation"),
                Arguments.of("Scaling Latent Reasoning via Looped Language Models", "robotics"),
                Arguments.of("Crane: Context-Guided Prompt Learning", "llm"),
                Arguments.of("Granite Embedding Models", "speech"));
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> taxonomyTags(Entry e) {
        return TAGGER.tag(e.title(), e.abstractText()).stream().map(TagScore::tag).filter(t -> !t.startsWith("kw:")).toList();
    }

    private static Entry seed(String titleStart) {
        List<Entry> hits = SEEDS.values().stream().filter(e -> e.title().startsWith(titleStart)).toList();
        assertThat(hits).as("seed papers whose title starts with %s", titleStart).hasSize(1);
        return hits.get(0);
    }

    /** All entries of the seed pages, first sighting per id. */
    static Map<String, Entry> loadSeeds() {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(seedDir())) {
            List<Path> pages = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList());
            for (Path p : pages) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                for (Entry e : ListingParser.parseAll(p.getFileName().toString(), text).entries()) out.putIfAbsent(e.id(), e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the seed pages", e);
        }
        return out;
    }

    static Path seedDir() {
        for (String c : List.of("../demo-data", "demo-data", "/work/main/demo-data")) {
            Path p = Path.of(c);
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("demo-data directory not found");
    }
}
