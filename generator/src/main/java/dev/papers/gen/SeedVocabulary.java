package dev.papers.gen;

import dev.papers.common.Entry;
import dev.papers.parse.ListingParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The text material of the generator, drawn from the bundled seed pages ({@code demo-data/*.txt}, packaged as
 * resources under {@value #RESOURCE_DIR}): title descriptions, abstract sentences (per seed paper and pooled) and
 * organisation lines. Real sentences keep the taxonomy tags and keyphrases firing on generated papers.
 */
final class SeedVocabulary {
    static final String RESOURCE_DIR = "dev/papers/gen/seeds";

    /** One seed paper: the title's descriptive part (after {@code Name:} if any) and its abstract sentences. */
    record SeedPaper(String desc, List<String> sentences) {}

    final List<SeedPaper> papers;
    final List<String> sentences;
    final List<String> forTails;
    final List<String> organizations;

    private SeedVocabulary(List<SeedPaper> papers, List<String> sentences, List<String> forTails, List<String> organizations) {
        this.papers = List.copyOf(papers);
        this.sentences = List.copyOf(sentences);
        this.forTails = List.copyOf(forTails);
        this.organizations = List.copyOf(organizations);
    }

    private static volatile SeedVocabulary bundled;

    /** The vocabulary of the bundled seed pages (loaded once). */
    static SeedVocabulary bundled() {
        SeedVocabulary v = bundled;
        if (v == null) {
            synchronized (SeedVocabulary.class) {
                if (bundled == null) bundled = fromPages(readBundledPages());
                v = bundled;
            }
        }
        return v;
    }

    /** Builds the vocabulary from page texts (name → text, in a stable order). */
    static SeedVocabulary fromPages(Map<String, String> pages) {
        List<SeedPaper> papers = new ArrayList<>();
        Set<String> pool = new LinkedHashSet<>();
        Set<String> tails = new LinkedHashSet<>();
        Set<String> orgs = new LinkedHashSet<>();
        Set<String> seenTitles = new LinkedHashSet<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            for (Entry e : ListingParser.parseAll(page.getKey(), page.getValue()).entries()) {
                if (e.organization() != null) orgs.add(e.organization());
                if (!seenTitles.add(e.id()) || e.abstractText() == null) continue;
                String title = clean(e.title());
                int colon = title.indexOf(": ");
                String desc = colon > 0 && colon < 40 ? title.substring(colon + 2) : title;
                if (desc.isBlank()) continue;
                int f = desc.indexOf(" for ");
                if (f > 0) tails.add(desc.substring(f + 5));
                List<String> s = sentences(clean(e.abstractText()));
                if (s.isEmpty()) continue;
                papers.add(new SeedPaper(desc, s));
                pool.addAll(s);
            }
        }
        if (papers.isEmpty()) throw new IllegalStateException("no seed papers found in the bundled pages");
        // Organisation lines in the site's style ("handle Display Name") besides the ones the seeds show.
        orgs.addAll(List.of("google Google", "microsoft Microsoft", "meta-llama Meta Llama", "allenai Ai2",
                "nvidia NVIDIA", "Qwen Qwen", "deepseek-ai DeepSeek", "mistralai Mistral AI", "ibm-granite IBM Granite",
                "stanford-crfm Stanford CRFM", "tsinghua-ai Tsinghua University", "epfl-llm EPFL LLM Team"));
        return new SeedVocabulary(papers, new ArrayList<>(pool), new ArrayList<>(tails), new ArrayList<>(orgs));
    }

    /** Sentences of an abstract (split after '.', '!' or '?' followed by a space and an upper-case letter). */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 2 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ' && Character.isUpperCase(text.charAt(i + 2))) {
                add(out, text.substring(start, i + 1));
                start = i + 2;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    private static void add(List<String> out, String s) {
        s = s.strip();
        if (s.length() >= 20) out.add(s);
    }

    /** Strips characters that would make a line look like metadata or binary (never in the seeds; defensive). */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
            else if (c >= 0x20 && c != 0x7F && c != '\uFFFD') b.append(c);
        }
        return b.toString().strip();
    }

    private static Map<String, String> readBundledPages() {
        try {
            URI uri = SeedVocabulary.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            Path base = Path.of(uri);
            if (Files.isDirectory(base)) return readDir(base.resolve(RESOURCE_DIR));
            URI jar = URI.create("jar:" + base.toUri());
            FileSystem fs;
            boolean close = false;
            try {
                fs = FileSystems.getFileSystem(jar);
            } catch (FileSystemNotFoundException e) {
                fs = FileSystems.newFileSystem(jar, Map.of());
                close = true;
            }
            try {
                return readDir(fs.getPath(RESOURCE_DIR));
            } finally {
                if (close) fs.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled seed pages (" + RESOURCE_DIR + ")", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the ingest classes", e);
        }
    }

    private static Map<String, String> readDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("no seed pages at " + dir);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".txt"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
                out.put(p.getFileName().toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        if (out.isEmpty()) throw new IOException("no seed pages in " + dir);
        return out;
    }
}
