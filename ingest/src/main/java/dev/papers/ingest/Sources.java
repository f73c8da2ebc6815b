package dev.papers.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Resolves command-line paths into the pages to ingest. */
public final class Sources {
    private Sources() {}

    /** One page to ingest; {@code path} is null for stdin. */
    public record Source(String name, Path path) {
        public boolean isStdin() {
            return path == null;
        }
    }

    /**
     * File name endings of the page forms the parser reads (scraped text, Markdown captures, text-browser dumps, saved
     * HTML, api/daily_papers JSON), matched case-insensitively when a folder is searched.
     */
    public static final List<String> PAGE_EXTENSIONS = List.of(".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json",
            ".xml", ".rss", ".atom"); // feeds of the listing

    /** The manifest {@code papers generate} writes beside its pages (the generator module's {@code EXPECTED_FILE}). */
    public static final String GENERATED_MANIFEST = "expected.json";

    /**
     * A file is itself (whatever its name), a folder is every page file below it ({@link #PAGE_EXTENSIONS}; hidden
     * files and the {@code papers generate} manifest {@value #GENERATED_MANIFEST} skipped; recursively,
     * sorted by path), {@code -} is stdin.
     */
    public static List<Source> discover(List<String> paths) {
        List<Source> out = new ArrayList<>();
        for (String p : paths) {
            if ("-".equals(p)) {
                out.add(new Source("stdin", null));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    List<Path> files = walk
                            .filter(Files::isRegularFile)
                            .filter(Sources::isPageFile)
                            .sorted()
                            .collect(Collectors.toList());
                    for (Path f : files) out.add(new Source(f.getFileName().toString(), f));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list folder " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                out.add(new Source(path.getFileName().toString(), path));
            } else {
                throw new IllegalArgumentException("input path does not exist or is not a file or folder: " + p);
            }
        }
        return out;
    }

    static boolean isPageFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.equals(GENERATED_MANIFEST)
                && PAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
