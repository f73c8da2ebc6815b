package dev.papers.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.papers.common.TagScore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Tags a paper (title + abstract) with taxonomy tags and RAKE keyphrases. Pure, deterministic and thread-safe:
 * the taxonomy index is immutable after construction and Lucene analyzers are safe for concurrent use.
 *
 * <p>Taxonomy format (YAML or JSON):
 * <pre>
 * tags:
 *   - name: llm
 *     phrases: [large language model, LLM, language model]
 * </pre>
 * Every phrase is analysed with the same Lucene chain as the text and matches a run of consecutive analysed terms,
 * so acronyms match whole tokens only and inflections ("models"/"model") meet. Hyphenated words are matched both
 * split and joined, so "pre-training", "pretraining" and "Pre-Trained" all meet {@code pretraining}.
 */
public final class Tagger {
    /** Maximum number of {@code kw:} keyphrase tags per paper. */
    public static final int KEYPHRASES = 5;

    static final double TITLE_WEIGHT = 3.0;
    static final double ABSTRACT_WEIGHT = 1.0;
    static final int MAX_TITLE_HITS = 3;
    static final int MAX_ABSTRACT_HITS = 6;
    static final double SATURATION = 4.0;
    private static final int MAX_EVIDENCE_PER_FIELD = 3;

    /** A taxonomy phrase: analysed terms and their positions relative to the first (stop words leave gaps). */
    private record Phrase(int tag, String[] terms, int[] gaps) {}

    private record Match(int tag, int start, int end) {}

    private final List<String> tagNames;
    /** First analysed term → phrases starting with it (longest first). */
    private final Map<String, List<Phrase>> index;

    private Tagger(List<String> tagNames, Map<String, List<Phrase>> index) {
        this.tagNames = tagNames;
        this.index = index;
    }

    /** The tagger over the bundled classpath taxonomy {@code /taxonomy.yaml}. */
    public static Tagger fromDefaultTaxonomy() {
        try (InputStream in = Tagger.class.getResourceAsStream("/taxonomy.yaml")) {
            if (in == null) throw new IllegalStateException("classpath resource /taxonomy.yaml not found");
            return fromTree(new ObjectMapper(new YAMLFactory()).readTree(in), "/taxonomy.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /taxonomy.yaml", e);
        }
    }

    /** The tagger over a taxonomy file, YAML ({@code .yaml}/{@code .yml}) or JSON (anything else ending {@code .json}). */
    public static Tagger fromFile(Path yamlOrJson) {
        String name = yamlOrJson.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try (InputStream in = Files.newInputStream(yamlOrJson)) {
            return fromTree(mapper.readTree(in), yamlOrJson.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + yamlOrJson, e);
        }
    }

    private static Tagger fromTree(JsonNode root, String source) {
        JsonNode tags = root == null ? null : root.get("tags");
        if (tags == null || !tags.isArray()) throw new IllegalArgumentException(source + ": expected a top-level 'tags' list");
        List<String> names = new ArrayList<>();
        Map<String, List<Phrase>> index = new HashMap<>();
        for (JsonNode t : tags) {
            String name = t.path("name").asText("").trim();
            if (name.isEmpty()) throw new IllegalArgumentException(source + ": tag without a name");
            if (names.contains(name)) throw new IllegalArgumentException(source + ": duplicate tag " + name);
            JsonNode phrases = t.get("phrases");
            if (phrases == null || !phrases.isArray() || phrases.isEmpty()) {
                throw new IllegalArgumentException(source + ": tag " + name + " has no phrases");
            }
            int tagIdx = names.size();
            names.add(name);
            Set<List<String>> seen = new LinkedHashSet<>();
            for (JsonNode p : phrases) {
                String phrase = p.asText();
                for (Analyzer a : List.of(Analysis.SPLIT, Analysis.JOINED)) {
                    List<Analysis.Tok> toks = Analysis.tokens(a, phrase);
                    if (toks.isEmpty()) continue;
                    List<String> key = new ArrayList<>();
                    String[] terms = new String[toks.size()];
                    int[] gaps = new int[toks.size()];
                    for (int i = 0; i < toks.size(); i++) {
                        terms[i] = toks.get(i).term();
                        gaps[i] = toks.get(i).pos() - toks.get(0).pos();
                        key.add(terms[i] + "@" + gaps[i]);
                    }
                    if (seen.add(key)) {
                        index.computeIfAbsent(terms[0], k -> new ArrayList<>()).add(new Phrase(tagIdx, terms, gaps));
                    }
                }
            }
        }
        for (List<Phrase> l : index.values()) {
            l.sort(Comparator.comparingInt((Phrase p) -> -p.terms().length).thenComparingInt(Phrase::tag));
        }
        return new Tagger(List.copyOf(names), index);
    }

    /** The taxonomy tag names, in file order. */
    public List<String> taxonomyTags() {
        return tagNames;
    }

    /**
     * Taxonomy tags (score desc, then name) followed by up to {@value #KEYPHRASES} keyphrase tags {@code kw:<phrase>}.
     * Taxonomy score: {@code 1 - exp(-(3·min(titleHits,3) + min(abstractHits,6)) / 4)}, in (0,1); keyphrase score is
     * the RAKE score relative to the best keyphrase, in (0,1].
     */
    public List<TagScore> tag(String title, String abstractText) {
        String t = title == null ? "" : title;
        String a = abstractText == null ? "" : abstractText;
        List<Match> titleMatches = matches(t);
        List<Match> abstractMatches = matches(a);
        List<TagScore> out = new ArrayList<>();
        for (int tag = 0; tag < tagNames.size(); tag++) {
            List<String> ts = surfaces(t, titleMatches, tag);
            List<String> as = surfaces(a, abstractMatches, tag);
            int th = count(titleMatches, tag);
            int ah = count(abstractMatches, tag);
            if (th + ah == 0) continue;
            double raw = TITLE_WEIGHT * Math.min(th, MAX_TITLE_HITS) + ABSTRACT_WEIGHT * Math.min(ah, MAX_ABSTRACT_HITS);
            double score = round(1 - Math.exp(-raw / SATURATION));
            out.add(new TagScore(tagNames.get(tag), score, evidence(ts, as)));
        }
        out.sort(Comparator.comparingDouble(TagScore::score).reversed().thenComparing(TagScore::tag));
        out.addAll(Rake.keyphrases(t, a, KEYPHRASES));
        return Collections.unmodifiableList(out);
    }

    static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }

    private static int count(List<Match> ms, int tag) {
        int n = 0;
        for (Match m : ms) if (m.tag() == tag) n++;
        return n;
    }

    private static List<String> surfaces(String text, List<Match> ms, int tag) {
        Map<String, String> byLower = new java.util.LinkedHashMap<>();
        for (Match m : ms) {
            if (m.tag() != tag) continue;
            String s = text.substring(m.start(), m.end());
            byLower.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
        }
        return new ArrayList<>(byLower.values());
    }

    private static String evidence(List<String> title, List<String> abs) {
        StringBuilder sb = new StringBuilder();
        append(sb, "title", title);
        append(sb, "abstract", abs);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String field, List<String> surfaces) {
        for (int i = 0; i < surfaces.size() && i < MAX_EVIDENCE_PER_FIELD; i++) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(field).append(":\"").append(surfaces.get(i).replace('"', '\'')).append('"');
        }
    }

    /** All phrase matches in {@code text}, both hyphen variants, with overlapping matches of one tag merged (longest kept). */
    private List<Match> matches(String text) {
        List<Match> all = new ArrayList<>();
        if (text.isEmpty()) return all;
        for (Analyzer an : List.of(Analysis.SPLIT, Analysis.JOINED)) {
            List<Analysis.Tok> toks = Analysis.tokens(an, text);
            for (int i = 0; i < toks.size(); i++) {
                List<Phrase> cands = index.get(toks.get(i).term());
                if (cands == null) continue;
                for (Phrase p : cands) {
                    int n = p.terms().length;
                    if (i + n > toks.size()) continue;
                    boolean ok = true;
                    for (int j = 1; j < n && ok; j++) {
                        Analysis.Tok tj = toks.get(i + j);
                        ok = tj.term().equals(p.terms()[j]) && tj.pos() - toks.get(i).pos() == p.gaps()[j];
                    }
                    if (ok) all.add(new Match(p.tag(), toks.get(i).start(), toks.get(i + n - 1).end()));
                }
            }
        }
        all.sort(Comparator.comparingInt(Match::tag)
                .thenComparingInt(Match::start)
                .thenComparingInt(m -> -(m.end() - m.start())));
        List<Match> kept = new ArrayList<>();
        Match last = null;
        for (Match m : all) {
            if (last != null && last.tag() == m.tag() && m.start() < last.end()) continue;
            kept.add(m);
            last = m;
        }
        return kept;
    }
}
