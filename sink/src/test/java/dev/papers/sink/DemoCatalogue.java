package dev.papers.sink;

import dev.papers.common.Entry;
import dev.papers.common.Paper;
import dev.papers.common.Sighting;
import dev.papers.common.Titles;
import dev.papers.parse.EntryMerger;
import dev.papers.parse.ListingParser;
import dev.papers.common.TagScore;
import dev.papers.tagging.text.TextAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real papers for the sink tests: the bundled {@code demo-data} pages parsed with the project's parser and merged per
 * id with its merge rule, as the processor does. Tags come from a small keyword list matched on the analysed title
 * and abstract (the tagger module is not a dependency of the sink), so chips and filters behave as with real tags.
 */
final class DemoCatalogue {
    private DemoCatalogue() {}

    static Path demoData() {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        for (Path p : List.of(module.resolve("../demo-data"), module.resolve("demo-data"))) {
            if (Files.isDirectory(p)) return p.normalize();
        }
        throw new IllegalStateException("demo-data/ not found next to " + module);
    }

    static List<Paper> load() throws IOException {
        Map<String, Entry> merged = new LinkedHashMap<>();
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        Map<String, Integer> sightings = new LinkedHashMap<>();
        List<Path> pages;
        try (Stream<Path> s = Files.list(demoData())) {
            pages = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path page : pages) {
            String source = page.getFileName().toString();
            for (Entry e : ListingParser.parseAll(source, Files.readString(page, StandardCharsets.UTF_8)).entries()) {
                merged.merge(e.id(), e, EntryMerger::merge);
                sources.computeIfAbsent(e.id(), k -> new LinkedHashSet<>()).add(source);
                sightings.merge(e.id(), 1, Integer::sum);
            }
        }
        List<Paper> out = new ArrayList<>();
        long seen = 1_700_000_000_000L;
        for (Entry e : merged.values()) {
            Paper p = Paper.of(e, seen);
            out.add(new Paper(p.schemaVersion(), p.id(), p.title(), p.normalizedTitle(), p.abstractText(), p.authors(),
                    p.organization(), p.publishedText(), p.published(), p.upvotes(), p.pageDate(), p.arxivId(),
                    List.copyOf(sources.get(e.id())), tags(e.title(), e.abstractText()), seen, seen,
                    sightings.get(e.id()) - 1));
        }
        return out;
    }

    /** The demo papers and the {@link #rising} ones. */
    static List<Paper> all() throws IOException {
        List<Paper> out = new ArrayList<>(load());
        out.addAll(rising());
        return out;
    }

    static final long DAY = 86_400_000L, T0 = 1_750_000_000_000L;

    /**
     * Four papers captured several times (as the processor records it: a history point per capture showing new
     * upvotes), with what {@code sort=rising} must make of them: 15 upvotes a day, 1 a day, a gain too old for the
     * week's window (0), and a loss of 5 a day.
     */
    static List<Paper> rising() {
        return List.of(
                captured("Rising Fast: Video Diffusion Agents at Scale", "2025-06-09", 0, 2, 1, 14, 2, 32),
                captured("Rising Slowly: A Benchmark for Retrieval Reasoning", "2025-06-02", 0, 5, 7, 12),
                captured("Rose Long Ago: Efficient Speech Pretraining", "2025-05-12", 0, 0, 20, 100, 21, 100),
                captured("Falling: Medical Image Safety Dataset", "2025-06-16", 0, 50, 2, 40));
    }

    /** A paper seen on the days and with the upvotes given as pairs (day after T0, upvotes). */
    private static Paper captured(String title, String published, int... dayThenUpvotes) {
        List<Sighting> history = new ArrayList<>();
        for (int i = 0; i < dayThenUpvotes.length; i += 2) {
            history.add(new Sighting(T0 + dayThenUpvotes[i] * DAY, dayThenUpvotes[i + 1], "capture-" + (i / 2) + ".json"));
        }
        String abs = "A paper whose upvotes were captured " + history.size() + " times: " + title.toLowerCase(Locale.ROOT) + ".";
        Sighting last = history.get(history.size() - 1);
        return new Paper(Paper.SCHEMA_VERSION, Titles.id(title), title, Titles.normalize(title), abs, 2, "Rising Lab",
                published, published, last.upvotes(), published, null, null, null,
                history.stream().map(Sighting::source).distinct().toList(), tags(title, abs), T0, last.at(),
                history.size() - 1, history);
    }

    /** Tag → analysed terms that must all occur (in title or abstract) for the tag. */
    private static final Map<String, List<String>> KEYWORDS = keywords(
            "llm", "language model", "diffusion", "diffusion", "vision", "image", "video", "video",
            "reasoning", "reasoning", "agents", "agent", "benchmark", "benchmark", "retrieval", "retrieval",
            "pretraining", "pretraining", "fine-tuning", "fine tune", "multimodal", "multimodal", "speech", "speech",
            "robotics", "robot", "3d", "3d", "medical", "medical", "code", "code generation", "safety", "safety",
            "efficiency", "efficient", "reinforcement-learning", "reinforcement learning", "dataset", "dataset");

    private static Map<String, List<String>> keywords(String... tagThenPhrase) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < tagThenPhrase.length; i += 2) out.put(tagThenPhrase[i], TextAnalysis.terms(tagThenPhrase[i + 1]));
        return out;
    }

    static List<TagScore> tags(String title, String abstractText) {
        Set<String> terms = new java.util.HashSet<>(TextAnalysis.terms(title + " " + (abstractText == null ? "" : abstractText)));
        List<TagScore> out = new ArrayList<>();
        KEYWORDS.forEach((tag, want) -> {
            if (!want.isEmpty() && terms.containsAll(want)) out.add(new TagScore(tag, 0.5, String.join(" ", want)));
        });
        return out;
    }
}
