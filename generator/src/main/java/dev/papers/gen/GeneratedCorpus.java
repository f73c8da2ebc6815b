package dev.papers.gen;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated corpus: the folder, its page files in order, the number of entries and of unique papers (distinct
 * normalised titles) and the duplicates the catalogue merges (a paper counts once per page it is on, so a repeat on
 * the same page is not one). {@code dir/expected.json} holds the same numbers.
 */
public record GeneratedCorpus(Path dir, List<Path> pages, int entries, int unique, int duplicates) {
    public GeneratedCorpus {
        pages = List.copyOf(pages);
    }

    /** The file with the expected counts, written next to the pages. */
    public Path expectedFile() {
        return dir.resolve(PageGenerator.EXPECTED_FILE);
    }
}
