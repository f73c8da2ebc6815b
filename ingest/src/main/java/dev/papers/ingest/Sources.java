package dev.papers.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** A file is itself, a folder is every {@code *.txt} below it (recursively, sorted by path), {@code -} is stdin. */
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
                            .filter(f -> f.getFileName().toString().endsWith(".txt"))
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
}
