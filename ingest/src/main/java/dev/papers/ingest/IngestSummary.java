package dev.papers.ingest;

import java.util.Locale;

/** What one ingest run published. */
public record IngestSummary(int pages, long chunks, long bytes, double seconds) {
    public String line() {
        return String.format(Locale.ROOT, "ingested %d pages, %d chunks, %d bytes in %.1f s", pages, chunks, bytes, seconds);
    }
}
