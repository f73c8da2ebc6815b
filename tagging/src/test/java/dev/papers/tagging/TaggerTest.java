package dev.papers.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papers.common.TagScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaggerTest {
    private static final Tagger TAGGER = Tagger.fromDefaultTaxonomy();

    private static List<String> taxonomyTagsOf(String title, String abs) {
        return TAGGER.tag(title, abs).stream().map(TagScore::tag).filter(t -> !t.startsWith("kw:")).toList();
    }

    private static List<String> keyphrasesOf(String title, String abs) {
        return TAGGER.tag(title, abs).stream().map(TagScore::tag).filter(t -> t.startsWith("kw:")).toList();
    }

    // ---------------------------------------------------------------- taxonomy

    @Test
    void defaultTaxonomyHasAtLeast45TagsIncludingTheRequiredOnes() {
        assertThat(TAGGER.taxonomyTags()).hasSizeGreaterThanOrEqualTo(45).doesNotHaveDuplicates();
        assertThat(TAGGER.taxonomyTags()).contains("llm", "vision-language", "multimodal", "pretraining",
                "continual-pretraining", "domain-adaptation", "fine-tuning", "instruction-tuning", "alignment", "rlhf",
                "reinforcement-learning", "reasoning", "math", "code", "retrieval", "rag", "knowledge-graph",
                "question-answering", "multilingual", "low-resource-languages", "speech", "audio", "video",
                "image-generation", "diffusion", "3d", "robotics", "agents", "medical", "biomedical", "clinical", "legal",
                "scientific", "chemistry", "biology", "benchmark", "dataset", "efficiency", "distillation",
                "quantization", "mixture-of-experts", "interpretability", "safety", "evaluation", "embeddings",
                "recommendation", "time-series", "graph");
    }

    // ---------------------------------------------------------------- hyphen variants and acronyms

    @ParameterizedTest
    @MethodSource("pretrainingVariants")
    void hyphenVariantsAllHitPretraining(String title) {
        List<TagScore> tags = TAGGER.tag(title, "");
        assertThat(tags).extracting(TagScore::tag).contains("pretraining");
        TagScore pre = tags.stream().filter(t -> t.tag().equals("pretraining")).findFirst().orElseThrow();
        assertThat(pre.evidence()).startsWith("title:\"");
    }

    static Stream<String> pretrainingVariants() {
        return Stream.of("Scaling pre-training for small models", "Scaling pretraining for small models",
                "Pre-Trained transformers are few-shot learners", "PRE-TRAINING deep bidirectional transformers",
                "Pretrained encoders", "Language-Speech Pre‐training"); // last one: Unicode hyphen U+2010
    }

    @Test
    void acronymsMatchWholeTokensOnlyCaseInsensitively() {
        assertThat(taxonomyTagsOf("RAG for open-domain questions", "")).contains("rag");
        assertThat(taxonomyTagsOf("A study of rag pipelines", "")).contains("rag");
        assertThat(taxonomyTagsOf("RAG-based assistants", "")).contains("rag");
        assertThat(taxonomyTagsOf("Drag your GAN: interactive point-based manipulation", "We drag points.")).doesNotContain("rag");
        assertThat(taxonomyTagsOf("Fragment-based molecule design", "Fragments and fragmentation.")).doesNotContain("rag");
        assertThat(taxonomyTagsOf("Storage systems", "The storage layer is fragmented.")).doesNotContain("rag");
        assertThat(taxonomyTagsOf("LLMs are few-shot learners", "")).contains("llm");
        assertThat(taxonomyTagsOf("Calls of the wild: allm skills", "")).doesNotContain("llm");
        assertThat(taxonomyTagsOf("VLMs see the world", "")).contains("vision-language");
        assertThat(taxonomyTagsOf("MoE layers at scale", "")).contains("mixture-of-experts");
        assertThat(taxonomyTagsOf("Shoe and canoe design", "")).doesNotContain("mixture-of-experts");
        assertThat(taxonomyTagsOf("Curl commands for TRL users", "")).doesNotContain("reinforcement-learning");
    }

    @Test
    void evidenceNamesSurfaceFormsAndFields() {
        TagScore llm = TAGGER.tag("LLMs for everything", "We study large language models in depth.").stream()
                .filter(t -> t.tag().equals("llm")).findFirst().orElseThrow();
        assertThat(llm.evidence()).isEqualTo("title:\"LLMs\"; abstract:\"large language models\"");
        assertThat(llm.score()).isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @Test
    void titleHitsWeighMoreThanAbstractHits() {
        double inTitle = score(TAGGER.tag("Knowledge distillation for small models", "We study compression."), "distillation");
        double inAbstract = score(TAGGER.tag("Small models", "We study knowledge distillation for compression."), "distillation");
        assertThat(inTitle).isGreaterThan(inAbstract);
    }

    private static double score(List<TagScore> tags, String tag) {
        return tags.stream().filter(t -> t.tag().equals(tag)).mapToDouble(TagScore::score).findFirst().orElse(0);
    }

    @Test
    void taxonomyTagsComeFirstSortedByScoreThenName() {
        List<TagScore> tags = TAGGER.tag("Retrieval-Augmented Generation with Knowledge Graphs for Medical QA",
                "We combine a knowledge graph with a retriever and a large language model to answer clinical questions.");
        int firstKw = 0;
        while (firstKw < tags.size() && !tags.get(firstKw).tag().startsWith("kw:")) firstKw++;
        assertThat(tags.subList(firstKw, tags.size())).allMatch(t -> t.tag().startsWith("kw:"));
        List<TagScore> tax = tags.subList(0, firstKw);
        assertThat(tax).isNotEmpty();
        for (int i = 1; i < tax.size(); i++) {
            TagScore a = tax.get(i - 1), b = tax.get(i);
            assertThat(a.score() > b.score() || (a.score() == b.score() && a.tag().compareTo(b.tag()) < 0))
                    .as("%s before %s", a, b).isTrue();
        }
        assertThat(tags).allMatch(t -> t.score() > 0 && t.score() <= 1);
    }

    // ---------------------------------------------------------------- spot checks (realistic text)

    @ParameterizedTest(name = "{2} in: {0}")
    @MethodSource("present")
    void tagPresent(String title, String abs, String tag) {
        assertThat(taxonomyTagsOf(title, abs)).contains(tag);
    }

    static Stream<Arguments> present() {
        return Stream.of(
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing",
                        "Pretraining large neural language models, such as BERT, has led to impressive gains.", "biomedical"),
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing",
                        // two abstract mentions: one is not evidence (issue #23)
                        "continual pretraining of general-domain language models; continued pretraining on PubMed",
                        "continual-pretraining"),
                Arguments.of("Domain-Specific Language Model Pretraining for Biomedical Natural Language Processing", "", "domain-adaptation"),
                Arguments.of("NeoQA: Evidence-based Question Answering with Generated News Events",
                        "Evaluating Retrieval-Augmented Generation (RAG) in large language models (LLMs) is challenging.", "rag"),
                Arguments.of("NeoQA: Evidence-based Question Answering with Generated News Events", "", "question-answering"),
                Arguments.of("ChemAgent: Enhancing LLMs for Chemistry and Materials Science through Tree-Search Based Tool Learning",
                        "", "chemistry"),
                Arguments.of("ChemAgent: Enhancing LLMs for Chemistry and Materials Science through Tree-Search Based Tool Learning",
                        "", "agents"),
                Arguments.of("Tests as Prompt: A Test-Driven-Development Benchmark for LLM Code Generation", "", "code"),
                Arguments.of("Tests as Prompt: A Test-Driven-Development Benchmark for LLM Code Generation", "", "benchmark"),
                Arguments.of("TinyViT: Fast Pretraining Distillation for Small Vision Transformers", "", "distillation"),
                Arguments.of("BLSP-KD: Bootstrapping Language-Speech Pre-training via Knowledge Distillation", "", "speech"),
                Arguments.of("Granite Embedding Models", "retrieval tasks", "embeddings"),
                Arguments.of("A Survey on Large Language Models for Mathematical Reasoning", "", "math"),
                Arguments.of("A Survey on Large Language Models for Mathematical Reasoning", "", "reasoning"),
                Arguments.of("Procedure-Aware Surgical Video-language Pretraining with Hierarchical Knowledge Augmentation", "", "video"),
                Arguments.of("Procedure-Aware Surgical Video-language Pretraining with Hierarchical Knowledge Augmentation", "", "medical"),
                Arguments.of("MultiEURLEX -- A multi-lingual and multi-label legal document classification dataset for zero-shot cross-lingual transfer",
                        "", "legal"),
                Arguments.of("MultiEURLEX -- A multi-lingual and multi-label legal document classification dataset for zero-shot cross-lingual transfer",
                        "", "multilingual"),
                Arguments.of("ProFSA: Self-supervised Pocket Pretraining via Protein Fragment-Surroundings Alignment", "", "biology"),
                Arguments.of("Infusing clinical knowledge into tokenisers for language models", "", "clinical"),
                Arguments.of("GeoMIM: Towards Better 3D Knowledge Transfer via Masked Image Modeling for Multi-view 3D Understanding", "", "3d"),
                Arguments.of("Physical Autoregressive Model for Robotic Manipulation without Action Pretraining", "", "robotics"),
                Arguments.of("Guiding Pretraining in Reinforcement Learning with Large Language Models", "", "reinforcement-learning"),
                Arguments.of("Innovator: Scientific Continued Pretraining with Fine-grained MoE Upcycling", "", "mixture-of-experts"),
                Arguments.of("Innovator: Scientific Continued Pretraining with Fine-grained MoE Upcycling", "", "continual-pretraining"),
                Arguments.of("Innovator: Scientific Continued Pretraining with Fine-grained MoE Upcycling", "", "scientific"),
                Arguments.of("DivControl: Knowledge Diversion for Controllable Image Generation", "", "image-generation"),
                Arguments.of("Laytrol: Preserving Pretrained Knowledge in Layout Control for Multimodal Diffusion Transformers", "", "diffusion"),
                Arguments.of("Deep Ignorance: Filtering Pretraining Data Builds Tamper-Resistant Safeguards into Open-Weight LLMs", "", "safety"),
                Arguments.of("Biomedical and Clinical Language Models for Spanish: On the Benefits of Domain-Specific Pretraining in a Mid-Resource Scenario",
                        "", "low-resource-languages"),
                Arguments.of("Training language models to follow instructions with human feedback",
                        "We fine-tune GPT-3 using reinforcement learning from human feedback (RLHF).", "rlhf"),
                Arguments.of("Direct Preference Optimization: Your Language Model is Secretly a Reward Model", "", "alignment"),
                Arguments.of("QLoRA: Efficient Finetuning of Quantized LLMs", "", "quantization"),
                Arguments.of("QLoRA: Efficient Finetuning of Quantized LLMs", "", "fine-tuning"),
                Arguments.of("QLoRA: Efficient Finetuning of Quantized LLMs", "", "efficiency"),
                Arguments.of("Self-Instruct: Aligning Language Models with Self-Generated Instructions",
                        // two abstract mentions, as in the paper's abstract: one is not evidence (issue #23)
                        "Instruction-tuned language models have demonstrated a remarkable ability. We release our dataset "
                                + "to facilitate future studies on instruction tuning.", "instruction-tuning"),
                Arguments.of("Visual Instruction Tuning", "LLaVA connects a vision encoder and an LLM for general-purpose visual and language understanding.",
                        "vision-language"),
                Arguments.of("Informer: Beyond Efficient Transformer for Long Sequence Time-Series Forecasting", "", "time-series"),
                Arguments.of("Self-Attentive Sequential Recommendation", "", "recommendation"),
                Arguments.of("Semi-Supervised Classification with Graph Convolutional Networks", "GCN on citation networks", "graph"),
                Arguments.of("Towards Monosemanticity: Decomposing Language Models With Dictionary Learning",
                        "mechanistic interpretability with a sparse autoencoder", "interpretability"),
                Arguments.of("Robust Speech Recognition via Large-Scale Weak Supervision", "Whisper", "speech"),
                Arguments.of("AudioLM: a Language Modeling Approach to Audio Generation", "", "audio"),
                Arguments.of("A Dataset for Distilling Knowledge Priors from Literature for Therapeutic Design", "", "dataset"),
                Arguments.of("Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena", "", "evaluation"));
    }

    @ParameterizedTest(name = "no {2} in: {0}")
    @MethodSource("absent")
    void tagAbsent(String title, String abs, String tag) {
        assertThat(taxonomyTagsOf(title, abs)).doesNotContain(tag);
    }

    static Stream<Arguments> absent() {
        return Stream.of(
                Arguments.of("Drag Your GAN: Interactive Point-based Manipulation on the Generative Image Manifold", "", "rag"),
                Arguments.of("ProFSA: Self-supervised Pocket Pretraining via Protein Fragment-Surroundings Alignment", "", "rag"),
                Arguments.of("How to inject knowledge efficiently? Knowledge Infusion Scaling Law for Pre-training Large Language Models", "", "legal"),
                Arguments.of("Granite Embedding Models", "", "llm"),
                Arguments.of("TinyViT: Fast Pretraining Distillation for Small Vision Transformers", "", "speech"),
                Arguments.of("TinyViT: Fast Pretraining Distillation for Small Vision Transformers", "", "continual-pretraining"),
                Arguments.of("Crane: Context-Guided Prompt Learning and Attention Refinement for Zero-Shot Anomaly Detection", "", "generative-models"),
                Arguments.of("Select to Know: An Internal-External Knowledge Self-Selection Framework for Domain-Specific Question Answering",
                        "", "medical"),
                Arguments.of("Self-Attentive Sequential Recommendation", "", "time-series"),
                Arguments.of("A Survey on Large Language Models for Mathematical Reasoning", "", "code"),
                Arguments.of("Deep Bidirectional Language-Knowledge Graph Pretraining", "", "robotics"),
                Arguments.of("ARC-AGI Without Pretraining", "", "llm"),
                Arguments.of("Code and models are released", "We release code and models.", "code"),
                Arguments.of("Generalization of adapters", "general purpose and generalizable", "generative-models"));
    }

    // ---------------------------------------------------------------- keyphrases

    @Test
    void keyphrasesAreNounPhrasesWithNamesAsWritten() {
        // was keyphrasesAreRakePhrasesOfOneToFourLowerCaseWords: RAKE's lower-cased runs (#23 replaced them)
        String title = "Protein Structure Prediction with Deep Learning";
        String abs = "Accurate protein structure prediction remains a grand challenge. We train a deep network on 170000 "
                + "structures from the Protein Data Bank and report 92.4 GDT on CASP14 targets.";
        List<String> kws = keyphrasesOf(title, abs);
        assertThat(kws).hasSizeBetween(1, Tagger.KEYPHRASES).doesNotHaveDuplicates();
        assertThat(kws).anyMatch(k -> k.endsWith("protein structure prediction"));
        assertThat(kws).contains("kw:Protein Data Bank", "kw:CASP14 targets", "kw:GDT");
        for (String kw : kws) {
            String phrase = kw.substring(3);
            assertThat(phrase).doesNotMatch(".*\\s\\s.*").doesNotMatch("[0-9.,% -]+");
            assertThat(phrase.split(" ")).hasSizeBetween(1, 4);
            assertThat(phrase).doesNotEndWith("remains").doesNotEndWith("challenge").doesNotStartWith("train");
        }
        assertThat(kws).doesNotContain("kw:170000", "kw:92.4", "kw:remains", "kw:train");
    }

    @Test
    void keyphraseScoresAreProbabilitiesAndEvidenceNamesTheField() {
        // was keyphraseScoresAreNormalisedAndEvidenceNamesTheField: RAKE scores were relative to the best (first = 1.0)
        List<TagScore> kws = TAGGER.tag("Protein Structure Prediction", "We predict protein structures.").stream()
                .filter(t -> t.tag().startsWith("kw:")).toList();
        assertThat(kws).isNotEmpty().allMatch(t -> t.score() > 0 && t.score() < 1);
        assertThat(kws).extracting(TagScore::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(kws).filteredOn(t -> t.tag().equals("kw:protein structures")).singleElement()
                .extracting(TagScore::evidence).isEqualTo("abstract:\"protein structures\"");
        // a title-only phrase: the title's capitals are style, the tag is lower case, the evidence quotes the title
        List<TagScore> titleOnly = TAGGER.tag("Sparse Autoencoders Everywhere", "").stream()
                .filter(t -> t.tag().startsWith("kw:")).toList();
        assertThat(titleOnly).extracting(TagScore::tag).contains("kw:sparse autoencoders");
        assertThat(titleOnly).filteredOn(t -> t.tag().equals("kw:sparse autoencoders")).singleElement()
                .extracting(TagScore::evidence).isEqualTo("title:\"Sparse Autoencoders\"");
    }

    @Test
    void emptyInputGivesNoTags() {
        assertThat(TAGGER.tag("", "")).isEmpty();
        assertThat(TAGGER.tag(null, null)).isEmpty();
    }

    // ---------------------------------------------------------------- determinism, override, coverage

    @Test
    void deterministic() throws IOException {
        Tagger other = Tagger.fromDefaultTaxonomy();
        for (String[] p : formatBPapers()) {
            List<TagScore> a = TAGGER.tag(p[0], p[1]);
            assertThat(TAGGER.tag(p[0], p[1])).isEqualTo(a);
            assertThat(other.tag(p[0], p[1])).isEqualTo(a);
        }
    }

    @Test
    void deterministicUnderConcurrency() throws Exception {
        List<String[]> papers = formatBPapers();
        List<List<TagScore>> expected = papers.stream().map(p -> TAGGER.tag(p[0], p[1])).toList();
        List<List<List<TagScore>>> got = papers.parallelStream().map(p -> List.of(TAGGER.tag(p[0], p[1]))).toList();
        for (int i = 0; i < papers.size(); i++) assertThat(got.get(i).get(0)).isEqualTo(expected.get(i));
    }

    @Test
    void fromFileOverridesTheTaxonomy(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("tax.yaml");
        Files.writeString(yaml, "tags:\n  - name: proteins\n    phrases: [protein folding, AlphaFold]\n");
        Tagger custom = Tagger.fromFile(yaml);
        assertThat(custom.taxonomyTags()).containsExactly("proteins");
        List<TagScore> tags = custom.tag("AlphaFold and protein folding", "Large language models are not used here.");
        assertThat(tags).extracting(TagScore::tag).contains("proteins").doesNotContain("llm", "biology");
        assertThat(tags.get(0).evidence()).isEqualTo("title:\"AlphaFold\"; title:\"protein folding\"");

        Path json = dir.resolve("tax.json");
        Files.writeString(json, "{\"tags\":[{\"name\":\"x-ray\",\"phrases\":[\"X-ray\",\"radiograph\"]}]}");
        assertThat(Tagger.fromFile(json).tag("Chest X-rays", "")).extracting(TagScore::tag).contains("x-ray");
    }

    @Test
    void coverageOfSeedPapers() throws IOException {
        List<String[]> papers = formatBPapers();
        assertThat(papers).hasSizeGreaterThan(100);
        long tagged = papers.stream().filter(p -> !taxonomyTagsOf(p[0], p[1]).isEmpty()).count();
        assertThat((double) tagged / papers.size()).as("share of seed papers with a taxonomy tag").isGreaterThanOrEqualTo(0.95);
    }

    /** Title/abstract pairs of the format-B seed files (001, 003): two header lines, then title line, abstract line. */
    static List<String[]> formatBPapers() throws IOException {
        Path dir = seedDir();
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("00[13]_.*\\.txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 2; i + 1 < lines.size(); i += 2) {
                    String title = i == 2 ? lines.get(i).replaceFirst("^Subscribe", "") : lines.get(i);
                    if (title.isBlank()) continue;
                    out.add(new String[] {title.strip(), lines.get(i + 1).strip()});
                }
            }
        }
        return out;
    }

    private static Path seedDir() {
        for (String c : List.of("../demo-data", "demo-data", "/work/main/demo-data")) {
            Path p = Path.of(c);
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("demo-data directory not found");
    }
}
