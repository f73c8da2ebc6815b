package dev.papers.ingest.gen;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated corpus: the folder, its page files in order, the number of entries and of unique papers (distinct
 * normalised titles). {@code dir/expected.json} holds the same numbers.
 */
public record GeneratedCorpus(Path dir, List<Path> pages, int entries, int unique) {
    public GeneratedCorpus {
        pages = List.copyOf(pages);
    }

    /** The file with the expected counts, written next to the pages. */
    public Path expectedFile() {
        return dir.resolve(PageGenerator.EXPECTED_FILE);
    }
}
