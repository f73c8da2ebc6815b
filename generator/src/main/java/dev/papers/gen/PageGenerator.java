package dev.papers.gen;

import dev.papers.common.Json;
import dev.papers.common.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes realistic listing pages for benchmarks and scale tests: both scraped formats, the metadata variants of the
 * seed pages (author count, organisation line, none; dates with and without year and upvotes), titles and abstracts
 * composed from the bundled pages' vocabulary, and a share of entries repeating an earlier paper with a title that
 * differs in case and punctuation only (it normalises, {@link Titles#normalize}, to the same title).
 *
 * <p>Every paper title starts with a made-up name ({@code Kavoru: …}) derived one-to-one from the paper's number,
 * so distinct papers never collide. Paper {@code j} is a pure function of (seed, j): a repeat regenerates it
 * instead of keeping earlier titles in memory, so memory stays flat at any size. Same options, same bytes.
 *
 * <p>Also writes {@value #EXPECTED_FILE}: {@code {entries, unique, duplicates, pages, …}}.
 */
public final class PageGenerator {
    public static final String EXPECTED_FILE = "expected.json";
    private static final Pattern PAGE_NAME = Pattern.compile("\\d{6}_[0-9a-f]{16}\\.txt");
    private static final String CONSONANTS = "bcdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final String HEADER_A = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"
            + "byAK and the research community\n\n";
    private static final String HEADER_B = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe";

    private PageGenerator() {}

    /** Generates the corpus into {@code outDir} (created; earlier generated pages there are deleted first). */
    public static GeneratedCorpus generate(GeneratorOptions o, Path outDir) throws IOException {
        return generate(o, outDir, 0);
    }

    /**
     * Same, with paper names starting at paper number {@code firstPaper}: corpora with disjoint number ranges have
     * disjoint titles (e.g. fresh papers published after a bulk corpus of fewer than {@code firstPaper} papers).
     */
    public static GeneratedCorpus generate(GeneratorOptions o, Path outDir, long firstPaper) throws IOException {
        if (firstPaper < 0) throw new IllegalArgumentException("firstPaper must be >= 0");
        SeedVocabulary vocab = SeedVocabulary.bundled();
        Files.createDirectories(outDir);
        try (Stream<Path> s = Files.list(outDir)) {
            for (Path p : s.filter(p -> PAGE_NAME.matcher(p.getFileName().toString()).matches()).toList()) Files.delete(p);
        }
        SplittableRandom rnd = new SplittableRandom(o.seed());
        int n = o.entries();
        int dupsLeft = o.duplicates();
        int uniqueSoFar = 0;
        int crossPage = 0; // sightings of a paper on a page it was not on yet, beyond its first
        int[] lastPage = new int[Math.max(1, n)];
        int entry = 0;
        long bytes = 0;
        int pagesA = 0;
        int pagesB = 0;
        List<Path> files = new ArrayList<>(o.pages());
        StringBuilder page = new StringBuilder(1 << 20);
        for (int k = 0; k < o.pages(); k++) {
            int end = (int) ((long) n * (k + 1) / o.pages());
            boolean a = switch (o.format()) {
                case "A" -> true;
                case "B" -> false;
                default -> k % 2 == 0;
            };
            page.setLength(0);
            if (a) {
                pagesA++;
                page.append(HEADER_A).append(pageDate(rnd)).append("\n\n");
            } else {
                pagesB++;
                page.append(HEADER_B);
            }
            boolean first = true;
            for (; entry < end; entry++) {
                // Selection sampling: exactly o.duplicates() repeats, never the very first entry.
                boolean dup = entry > 0 && dupsLeft > 0 && rnd.nextInt(n - entry) < dupsLeft;
                Paper p;
                if (dup) {
                    dupsLeft--;
                    int idx = rnd.nextInt(uniqueSoFar);
                    if (lastPage[idx] != k) crossPage++;
                    lastPage[idx] = k;
                    p = paper(vocab, o.seed(), firstPaper, idx).sighting(rnd);
                } else {
                    lastPage[uniqueSoFar] = k;
                    p = paper(vocab, o.seed(), firstPaper, uniqueSoFar++);
                }
                if (a) appendA(page, p, first);
                else appendB(page, p, first);
                first = false;
            }
            String name = String.format(Locale.ROOT, "%06d_%016x.txt", k, rnd.nextLong());
            Path file = outDir.resolve(name);
            byte[] data = page.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(file, data);
            bytes += data.length;
            files.add(file);
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("entries", n);
        expected.put("unique", uniqueSoFar);
        expected.put("repeats", n - uniqueSoFar);
        expected.put("duplicates", crossPage); // what the catalogue merges: once per page a paper is on
        expected.put("pages", o.pages());
        expected.put("pagesA", pagesA);
        expected.put("pagesB", pagesB);
        expected.put("bytes", bytes);
        expected.put("format", o.format());
        expected.put("dupRate", o.dupRate());
        expected.put("seed", o.seed());
        expected.put("firstPaper", firstPaper);
        Files.writeString(outDir.resolve(EXPECTED_FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n");
        return new GeneratedCorpus(outDir, files, n, uniqueSoFar, crossPage);
    }

    /** Reads {@code expected.json} of a generated corpus folder (with its page files, sorted). */
    public static GeneratedCorpus read(Path dir) throws IOException {
        var node = Json.MAPPER.readTree(Files.readString(dir.resolve(EXPECTED_FILE)));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> PAGE_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        return new GeneratedCorpus(dir, files, node.path("entries").asInt(), node.path("unique").asInt(),
                node.has("repeats") ? node.path("duplicates").asInt() : node.path("entries").asInt() - node.path("unique").asInt());
    }

    // ------------------------------------------------------------------ papers

    /** Metadata kinds of Format A. */
    private enum Meta { AUTHORS, ORG, NONE }

    private record Paper(String title, String abstractText, Meta meta, int authors, String org, String date,
                         int upvotes) {
        /** A later sighting: same paper, title differing only in case/punctuation, maybe shorter abstract, more upvotes. */
        Paper sighting(SplittableRandom rnd) {
            String t = titleVariant(title, rnd);
            String abs = abstractText;
            if (rnd.nextInt(10) < 3) {
                int cut = abs.lastIndexOf(". ", abs.length() - 3);
                if (cut > 40) abs = abs.substring(0, cut + 1);
            }
            int up = upvotes + (rnd.nextBoolean() ? rnd.nextInt(20) : 0);
            return new Paper(t, abs, meta, authors, org, date, up);
        }
    }

    /** Paper number {@code firstPaper + j} of this seed: a pure function, so repeats regenerate it. */
    private static Paper paper(SeedVocabulary v, long seed, long firstPaper, int j) {
        long number = firstPaper + j;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (number + 1) * 0xBF58476D1CE4E5B9L);
        SeedVocabulary.SeedPaper sp = v.papers.get(r.nextInt(v.papers.size()));
        String desc = sp.desc();
        int f = desc.indexOf(" for ");
        if (f > 0 && !v.forTails.isEmpty() && r.nextInt(10) < 4) {
            desc = desc.substring(0, f + 5) + v.forTails.get(r.nextInt(v.forTails.size()));
        }
        String name = name(number);
        int style = r.nextInt(10);
        if (style < 2) name = name.toUpperCase(Locale.ROOT);
        else name = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String title = (r.nextInt(10) < 2 ? name + "-" + (1 + r.nextInt(70)) + "B" : name) + ": " + desc;

        StringBuilder abs = new StringBuilder(1600);
        int own = Math.min(sp.sentences().size(), 2 + r.nextInt(4));
        for (int i = 0; i < own; i++) abs.append(i == 0 ? "" : " ").append(sp.sentences().get(i));
        int mixed = 1 + r.nextInt(3);
        for (int i = 0; i < mixed; i++) abs.append(' ').append(v.sentences.get(r.nextInt(v.sentences.size())));
        if (r.nextInt(10) < 4) {
            abs.append(" Code and models are available at https://github.com/").append(name.toLowerCase(Locale.ROOT))
                    .append("-lab/").append(name).append('.');
        }
        int m = r.nextInt(100);
        Meta meta = m < 85 ? Meta.AUTHORS : m < 90 ? Meta.ORG : Meta.NONE;
        int authors = 1 + r.nextInt(r.nextInt(4) == 0 ? 30 : 10);
        String org = v.organizations.get(r.nextInt(v.organizations.size()));
        int mon = r.nextInt(12);
        String date = MONTHS[mon] + " " + (1 + r.nextInt(DAYS[mon]));
        if (r.nextInt(10) < 8) date += ", " + (2018 + r.nextInt(8));
        int upvotes = r.nextInt(10) < 6 ? 0 : 1 + r.nextInt(r.nextInt(5) == 0 ? 400 : 40);
        return new Paper(title, abs.toString(), meta, authors, org, date, upvotes);
    }

    /** Bijective base-75 numeral of consonant-vowel syllables: distinct numbers, distinct names ("bababa", …). */
    static String name(long number) {
        int base = CONSONANTS.length() * VOWELS.length();
        // start at the three-syllable names ("bababa"): every paper gets a name of at least six letters
        long x = number + 1 + base + (long) base * base;
        StringBuilder b = new StringBuilder();
        while (x > 0) {
            x--;
            int d = (int) (x % base);
            b.append(CONSONANTS.charAt(d / VOWELS.length())).append(VOWELS.charAt(d % VOWELS.length()));
            x /= base;
        }
        return b.toString();
    }

    /** Case/punctuation variant of a title that normalises to the same title (checked; falls back to the title). */
    static String titleVariant(String title, SplittableRandom rnd) {
        String t = title;
        int kinds = 1 + rnd.nextInt(2);
        for (int i = 0; i < kinds; i++) {
            t = switch (rnd.nextInt(8)) {
                case 0 -> t.toUpperCase(Locale.ROOT);
                case 1 -> t.toLowerCase(Locale.ROOT);
                case 2 -> t.replace(": ", rnd.nextBoolean() ? " - " : " \u2014 ");
                case 3 -> t + (rnd.nextBoolean() ? "." : " ?");
                case 4 -> t.replace('-', ' ');
                case 5 -> t.replace(" ", "  ");
                case 6 -> titleCase(t);
                default -> "\"" + t + "\"";
            };
        }
        if (t.equals(title)) t = title.toUpperCase(Locale.ROOT).equals(title) ? title.toLowerCase(Locale.ROOT) : title.toUpperCase(Locale.ROOT);
        return Titles.normalize(t).equals(Titles.normalize(title)) ? t : title;
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ';
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ formats

    private static String pageDate(SplittableRandom rnd) {
        int mon = rnd.nextInt(12);
        return MONTHS[mon] + " " + (1 + rnd.nextInt(DAYS[mon]));
    }

    /** Format A: blocks separated by blank lines; metadata block {@code • N authors} or an organisation, then ·, date. */
    private static void appendA(StringBuilder b, Paper p, boolean first) {
        if (!first) b.append("\n\n");
        b.append(p.title()).append("\n\n").append(p.abstractText());
        switch (p.meta()) {
            case AUTHORS -> b.append("\n\n  \u2022 ").append(p.authors()).append(" authors").append("\n\u00b7\n").append(p.date());
            case ORG -> b.append("\n\n").append(p.org()).append("\n\u00b7\n").append(p.date());
            case NONE -> { return; }
        }
        if (p.upvotes() > 0) b.append(' ').append(p.upvotes());
    }

    /** Format B: title and abstract lines alternating, the first title glued to the Subscribe button text. */
    private static void appendB(StringBuilder b, Paper p, boolean first) {
        if (!first) b.append('\n');
        b.append(p.title()).append('\n').append(p.abstractText());
    }
}
