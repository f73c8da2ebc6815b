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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tags a paper (title + abstract) with taxonomy tags and noun-phrase keyphrases ({@link Keyphrases}). Pure and deterministic; thread-safe: the
 * taxonomy index is immutable after construction and the reusable analysis state is per thread (ThreadLocal).
 *
 * <p>Taxonomy format (YAML or JSON):
 * <pre>
 * tags:
 *   - name: llm
 *     min_abstract_hits: 3          # optional, default and least 2
 *     phrases: [large language model, LLM, language model]
 *     title_phrases: [chatbot]      # optional: count only when found in the title
 * </pre>
 * A tag is assigned only with evidence: one of its phrases in the title, or at least {@code min_abstract_hits} (at
 * least {@value #MIN_ABSTRACT_MENTIONS}) distinct mentions in the abstract, so one passing mention is never enough (on
 * hand-labelled real papers, single abstract mentions were mostly wrong). Overlapping or adjacent matches of one tag
 * ("medical diagnostics") are one mention.
 * Every phrase is analysed with the same Lucene chain as the text ({@link Analysis}: StandardTokenizer, possessive,
 * lower case, ASCII folding, English stop words, KStem) and matches a run of consecutive analysed terms (stop words
 * leave gaps), so acronyms match whole tokens only and inflections ("models"/"model") meet. Hyphenated words are
 * matched both split and joined, so "pre-training", "pretraining" and "Pre-Trained" all meet {@code pretraining}.
 * Text is analysed once per field; phrases are found by hash lookup (one-word phrases by term id, longer ones by
 * their first two term ids). No phrase of two or more words starts inside a hyphenated word: "language model" is not
 * found in "vision-language model" (the whole word may still be a phrase of its own).
 */
public final class Tagger {
    /**
     * Maximum number of {@code kw:} keyphrase tags per paper, trading precision for recall: on the Hugging Face days
     * (KeyphraseYardstickTest) the best 3 match an {@code ai_keyword} 61 % of the time and meet 24 % of them, 5: 56 % and
     * 34 %, 7: 51 % and 42 % (the issue asks at least 50 % and 40 %).
     */
    public static final int KEYPHRASES = 7;

    static final double TITLE_WEIGHT = 3.0;
    static final double ABSTRACT_WEIGHT = 1.0;
    static final int MAX_TITLE_HITS = 3;
    static final int MAX_ABSTRACT_HITS = 6;
    static final double SATURATION = 4.0;
    private static final int MAX_EVIDENCE_PER_FIELD = 3;
    /** The evidence rule: without a title match, a tag needs this many distinct mentions in the abstract. */
    public static final int MIN_ABSTRACT_MENTIONS = 2;
    /** Match keys pack the tag index into 18 bits. */
    static final int MAX_TAGS = 1 << 18;

    /** A taxonomy phrase: analysed term ids and positions relative to the first (stop words leave gaps). */
    private record Phrase(int tag, int[] ids, int[] gaps, boolean titleOnly) {}

    /** One taxonomy tag and its assignment rule. */
    private record TagDef(String name, int minAbstractHits) {}

    private final List<String> tagNames;
    private final TagDef[] tags;
    /** Stemmed taxonomy term → id. */
    private final Map<String, Integer> termIds;
    /** Term id → one-word phrases of it, each {@code tag << 1 | titleOnly}; null if none. */
    private final int[][] singles;
    /** Phrases of two or more words by their first two term ids: open addressing, key {@code id0 << 32 | id1}. */
    private final long[] pairKeys;
    private final Phrase[][] pairPhrases;
    /** Term id → first word of some longer phrase: most taxonomy words are not, and skip the pair-table probe. */
    private final boolean[] startsPair;
    /** Most units in one phrase: bounds how far before a hyphen group a joined-sequence match can start. */
    private final int maxPhraseUnits;
    /** Reusable analysis state per thread (the processor may call one tagger from several stream threads). */
    private final ThreadLocal<Analysis> analysis;

    private Tagger(List<TagDef> tags, Map<String, Integer> termIds, List<Phrase> phrases) {
        this.tags = tags.toArray(new TagDef[0]);
        this.tagNames = tags.stream().map(TagDef::name).toList();
        this.termIds = termIds;
        List<List<Integer>> single = new ArrayList<>();
        for (int i = 0; i < termIds.size(); i++) single.add(null);
        Map<Long, List<Phrase>> pairs = new HashMap<>();
        int maxUnits = 1;
        for (Phrase p : phrases) {
            maxUnits = Math.max(maxUnits, p.ids().length);
            if (p.ids().length == 1) {
                if (single.get(p.ids()[0]) == null) single.set(p.ids()[0], new ArrayList<>());
                single.get(p.ids()[0]).add(p.tag() << 1 | (p.titleOnly() ? 1 : 0));
            } else {
                pairs.computeIfAbsent(pairKey(p.ids()[0], p.ids()[1]), k -> new ArrayList<>()).add(p);
            }
        }
        this.maxPhraseUnits = maxUnits;
        this.singles = new int[termIds.size()][];
        this.startsPair = new boolean[termIds.size()];
        for (Phrase p : phrases) if (p.ids().length > 1) startsPair[p.ids()[0]] = true;
        for (int i = 0; i < singles.length; i++) {
            List<Integer> l = single.get(i);
            if (l != null) singles[i] = l.stream().mapToInt(Integer::intValue).toArray();
        }
        int cap = 16;
        while (cap < pairs.size() * 2) cap *= 2;
        this.pairKeys = new long[cap];
        Arrays.fill(pairKeys, -1);
        this.pairPhrases = new Phrase[cap][];
        for (Map.Entry<Long, List<Phrase>> e : pairs.entrySet()) {
            int slot = pairSlot(e.getKey(), cap - 1);
            while (pairKeys[slot] != -1) slot = (slot + 1) & (cap - 1);
            pairKeys[slot] = e.getKey();
            pairPhrases[slot] = e.getValue().toArray(new Phrase[0]);
        }
        this.analysis = ThreadLocal.withInitial(() -> new Analysis(termIds));
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
        JsonNode tagsNode = root == null ? null : root.get("tags");
        if (tagsNode == null || !tagsNode.isArray()) {
            throw new IllegalArgumentException(source + ": expected a top-level 'tags' list");
        }
        List<TagDef> defs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, Integer> termIds = new HashMap<>();
        List<Phrase> all = new ArrayList<>();
        Analysis.Field scratch = new Analysis.Field();
        Analysis an = new Analysis(Map.of());
        for (JsonNode t : tagsNode) {
            String name = t.path("name").asText("").trim();
            if (name.isEmpty()) throw new IllegalArgumentException(source + ": tag without a name");
            if (!names.add(name)) throw new IllegalArgumentException(source + ": duplicate tag " + name);
            JsonNode phrases = t.get("phrases");
            if (phrases == null || !phrases.isArray() || phrases.isEmpty()) {
                throw new IllegalArgumentException(source + ": tag " + name + " has no phrases");
            }
            int minAbstractHits = t.path("min_abstract_hits").asInt(MIN_ABSTRACT_MENTIONS);
            if (minAbstractHits < MIN_ABSTRACT_MENTIONS) {
                throw new IllegalArgumentException(source + ": tag " + name + ": min_abstract_hits must be at least "
                        + MIN_ABSTRACT_MENTIONS + " (one abstract mention is not evidence enough)");
            }
            int tagIdx = defs.size();
            if (tagIdx >= MAX_TAGS) throw new IllegalArgumentException(source + ": more than " + MAX_TAGS + " tags");
            defs.add(new TagDef(name, minAbstractHits));
            Set<String> seen = new LinkedHashSet<>();
            addPhrases(phrases, false, tagIdx, an, scratch, termIds, seen, all);
            JsonNode titleOnly = t.get("title_phrases");
            if (titleOnly != null) {
                if (!titleOnly.isArray()) throw new IllegalArgumentException(source + ": tag " + name + ": title_phrases is not a list");
                addPhrases(titleOnly, true, tagIdx, an, scratch, termIds, seen, all);
            }
        }
        return new Tagger(defs, Map.copyOf(termIds), all);
    }

    /** Analyses each phrase like the text, in both hyphen variants (split and joined), and adds the distinct ones. */
    private static void addPhrases(JsonNode phrases, boolean titleOnly, int tagIdx, Analysis an, Analysis.Field scratch,
            Map<String, Integer> termIds, Set<String> seen, List<Phrase> out) {
        for (JsonNode p : phrases) {
            an.analyse(p.asText(), scratch);
            // "text-to-image" split is text@0 image@2, which "text and images" would match: a phrase with a stop word
            // inside a hyphenated word is only matched joined ("texttoimage")
            boolean stopInHyphenated = false;
            for (int i = 0; i < scratch.n; i++) {
                boolean linked = scratch.hyphenBefore[i] || (i + 1 < scratch.n && scratch.hyphenBefore[i + 1]);
                stopInHyphenated |= linked && an.isStop(scratch.term[i]);
            }
            for (Analysis.Units u : List.of(scratch.split, scratch.joined)) {
                if (u.n == 0 || (stopInHyphenated && u == scratch.split)) continue;
                int[] ids = new int[u.n];
                int[] gaps = new int[u.n];
                StringBuilder key = new StringBuilder(titleOnly ? "T" : "A");
                for (int i = 0; i < u.n; i++) {
                    ids[i] = termIds.computeIfAbsent(an.stem[u.term[i]], x -> termIds.size());
                    gaps[i] = u.pos[i] - u.pos[0];
                    key.append(' ').append(ids[i]).append('@').append(gaps[i]);
                }
                if (seen.add(key.toString())) out.add(new Phrase(tagIdx, ids, gaps, titleOnly));
            }
        }
    }

    /** The taxonomy tag names, in file order. */
    public List<String> taxonomyTags() {
        return tagNames;
    }

    /**
     * Taxonomy tags (score desc, then name) followed by up to {@value #KEYPHRASES} keyphrase tags {@code kw:<phrase>}.
     * A tag is assigned when one of its phrases occurs in the title, or at least {@code min_abstract_hits} (default and
     * least {@value #MIN_ABSTRACT_MENTIONS}) distinct times in the abstract. Taxonomy score: {@code 1 - exp(-(3·min(titleHits,3) + min(abstractHits,6)) / 4)}, in
     * (0,1); keyphrase score is the keyphrase model's probability that the phrase is one of the paper's keywords, in (0,1) ({@link Keyphrases}).
     */
    public List<TagScore> tag(String title, String abstractText) {
        Analysis an = analysis.get();
        an.beginPaper();
        an.analyse(title, an.title);
        an.analyse(abstractText, an.abstractField);
        int m = matchAll(an);
        List<TagScore> out = new ArrayList<>(24); // taxonomy tags + 5 keyphrases rarely exceed this: no regrowth
        if (m > 0) taxonomyTags(an, m, out);
        Keyphrases.keyphrases(an, KEYPHRASES, out);
        return Collections.unmodifiableList(out);
    }

    /** Finds the taxonomy phrases in the analysed title and abstract: the matches go to {@code an.matches}; returns their count. */
    int matchAll(Analysis an) {
        int m = 0;
        m = match(an, an.title.split, 0, false, m);
        if (an.title.anyHyphenLink) m = match(an, an.title.joined, 0, true, m);
        m = match(an, an.abstractField.split, 1, false, m);
        if (an.abstractField.anyHyphenLink) m = match(an, an.abstractField.joined, 1, true, m);
        return m;
    }

    /** This thread's analysis state (tests, stage benchmarks). */
    Analysis analysisOfThisThread() {
        return analysis.get();
    }

    static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }

    // match key: tag (18 bits) | field (1) | start (22) | MAX - length (22): sorted, a tag's matches come per field by
    // start, longest first
    private static final int OFF_BITS = 22;
    private static final long OFF_MASK = (1L << OFF_BITS) - 1;

    private static long pairKey(int id0, int id1) {
        return (long) id0 << 32 | id1;
    }

    private static int pairSlot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Appends the phrase matches of one unit sequence to {@code an.matches} from index {@code m}; returns the new end. */
    private int match(Analysis an, Analysis.Units u, int field, boolean joined, int m) {
        int[] unitIds = u.id;
        int n = u.n;
        int mask = pairKeys.length - 1;
        char[] chars = (field == 0 ? an.title : an.abstractField).chars;
        for (int i = 0; i < n; i++) {
            int id = unitIds[i];
            if (id < 0) continue;
            // the joined sequence equals the split one away from hyphen groups: only matches over a group are new,
            // so starts with no group within a phrase's reach are skipped
            if (joined && !u.hasGroup(i, Math.min(n, i + maxPhraseUnits))) continue;
            int[] one = singles[id];
            if (one != null && (!joined || u.hasGroup(i, i + 1))) {
                for (int e : one) {
                    if ((e & 1) != 0 && field != 0) continue;
                    m = add(an, m, e >>> 1, field, u.start[i], u.end[i]);
                }
            }
            if (!startsPair[id] || i + 1 == n || unitIds[i + 1] < 0 || startsInsideHyphenated(chars, u.start[i])) continue;
            long key = pairKey(id, unitIds[i + 1]);
            int slot = pairSlot(key, mask);
            while (pairKeys[slot] != key && pairKeys[slot] != -1) slot = (slot + 1) & mask;
            if (pairKeys[slot] == -1) continue;
            for (Phrase p : pairPhrases[slot]) {
                if (p.titleOnly() && field != 0) continue;
                int[] ids = p.ids();
                int[] gaps = p.gaps();
                int len = ids.length;
                if (i + len > n) continue;
                if (joined && !u.hasGroup(i, i + len)) continue;
                boolean ok = u.pos[i + 1] - u.pos[i] == gaps[1];
                for (int j = 2; j < len && ok; j++) {
                    ok = unitIds[i + j] == ids[j] && u.pos[i + j] - u.pos[i] == gaps[j];
                }
                if (ok) m = add(an, m, p.tag(), field, u.start[i], u.end[i + len - 1]);
            }
        }
        return m;
    }

    /**
     * Whether the token at {@code start} continues a hyphenated word ("vision-language"): no phrase of two or more words
     * starts there ("language model" is not what "vision-language model" means), while one word still counts
     * ("text-to-video" is about video).
     */
    private static boolean startsInsideHyphenated(char[] chars, int start) {
        return start >= 2 && Analysis.isHyphen(chars[start - 1]) && Character.isLetterOrDigit(chars[start - 2]);
    }

    private static int add(Analysis an, int m, int tag, int field, int start, int end) {
        if (m == an.matches.length) an.matches = Arrays.copyOf(an.matches, m * 2);
        an.matches[m] = ((long) tag << (2 * OFF_BITS + 1)) | ((long) field << (2 * OFF_BITS))
                | ((long) start << OFF_BITS) | (OFF_MASK - (end - start));
        return m + 1;
    }

    /** Turns the matches into scored tags: overlapping matches of one tag in one field count once (longest kept). */
    void taxonomyTags(Analysis an, int m, List<TagScore> out) {
        long[] ms = an.matches;
        Arrays.sort(ms, 0, m);
        // One mention, one hit: a match overlapping the previous kept match of the same tag and field is dropped, one
        // that directly follows it (one space or hyphen between: "medical diagnostics") extends it.
        // (sorted: by tag, field, start, longest first)
        int kept = 0;
        for (int i = 0; i < m; i++) {
            long k = ms[i];
            if (kept > 0) {
                long last = ms[kept - 1];
                if ((k >>> (2 * OFF_BITS)) == (last >>> (2 * OFF_BITS)) && start(k) <= end(last) + 1) {
                    String text = field(k) == 0 ? an.title.text : an.abstractField.text;
                    if (start(k) < end(last) || isJoiner(text.charAt(end(last)))) {
                        if (end(k) > end(last)) ms[kept - 1] = key(last, start(last), end(k));
                        continue;
                    }
                }
            }
            ms[kept++] = k;
        }
        int base = out.size();
        int from = 0;
        while (from < kept) {
            int tag = (int) (ms[from] >>> (2 * OFF_BITS + 1));
            int to = from;
            int titleHits = 0;
            while (to < kept && (int) (ms[to] >>> (2 * OFF_BITS + 1)) == tag) {
                if (field(ms[to]) == 0) titleHits++;
                to++;
            }
            int absHits = to - from - titleHits;
            TagDef def = tags[tag];
            if (titleHits > 0 || absHits >= def.minAbstractHits()) {
                double raw = TITLE_WEIGHT * Math.min(titleHits, MAX_TITLE_HITS) + ABSTRACT_WEIGHT * Math.min(absHits, MAX_ABSTRACT_HITS);
                double score = round(1 - Math.exp(-raw / SATURATION));
                out.add(new TagScore(def.name(), score, evidence(an, ms, from, to)));
            }
            from = to;
        }
        out.subList(base, out.size()).sort(BY_SCORE_THEN_NAME);
    }

    /** Score desc, then name; one plain comparator (the composed comparator chain showed up in profiles). */
    private static final Comparator<TagScore> BY_SCORE_THEN_NAME = (a, b) -> {
        int c = Double.compare(b.score(), a.score());
        return c != 0 ? c : a.tag().compareTo(b.tag());
    };

    /** Appends {@code text[from, to)} with each {@code "} replaced by {@code '} (evidence is quoted with {@code "}). */
    static void appendQuoted(StringBuilder sb, String text, int from, int to) {
        int q = from;
        while (q < to && text.charAt(q) != '"') q++;
        if (q == to) {
            sb.append(text, from, to);
            return;
        }
        for (int c = from; c < to; c++) {
            char ch = text.charAt(c);
            sb.append(ch == '"' ? '\'' : ch);
        }
    }

    private static boolean isJoiner(char c) {
        return c == ' ' || Analysis.isHyphen(c);
    }

    /** {@code key} with its offsets replaced. */
    private static long key(long key, int start, int end) {
        return (key & ~((1L << (2 * OFF_BITS)) - 1)) | ((long) start << OFF_BITS) | (OFF_MASK - (end - start));
    }

    private static int field(long key) {
        return (int) ((key >>> (2 * OFF_BITS)) & 1);
    }

    private static int start(long key) {
        return (int) ((key >>> OFF_BITS) & OFF_MASK);
    }

    private static int end(long key) {
        return start(key) + (int) (OFF_MASK - (key & OFF_MASK));
    }

    /**
     * {@code title:"LLMs"; abstract:"large language model"}: the distinct (ignoring case) matched surfaces of one tag,
     * at most {@value #MAX_EVIDENCE_PER_FIELD} per field, in text order. {@code ms[from, to)}: the tag's kept matches.
     */
    private static String evidence(Analysis an, long[] ms, int from, int to) {
        StringBuilder sb = new StringBuilder(96);
        int fieldStart = from;
        int shown = 0;
        for (int i = from; i < to; i++) {
            int field = field(ms[i]);
            if (i > from && field != field(ms[i - 1])) {
                fieldStart = i;
                shown = 0;
            }
            if (shown >= MAX_EVIDENCE_PER_FIELD) continue;
            String text = (field == 0 ? an.title : an.abstractField).text;
            int s = start(ms[i]);
            int len = end(ms[i]) - s;
            boolean dup = false;
            for (int j = fieldStart; j < i && !dup; j++) {
                int sj = start(ms[j]);
                dup = end(ms[j]) - sj == len && text.regionMatches(true, sj, text, s, len);
            }
            if (dup) continue;
            shown++;
            if (sb.length() > 0) sb.append("; ");
            sb.append(field == 0 ? "title:\"" : "abstract:\"");
            appendQuoted(sb, text, s, s + len);
            sb.append('"');
        }
        return sb.toString();
    }
}
