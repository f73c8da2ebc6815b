package dev.papers.ingest;

/** How pages are ingested: maximum chunk size in UTF-8 bytes and whether to show a progress bar. */
public record IngestOptions(int chunkBytes, boolean progress) {
    public static final int DEFAULT_CHUNK_BYTES = 64 * 1024;

    public IngestOptions {
        if (chunkBytes < 4) throw new IllegalArgumentException("chunkBytes must be at least 4, got " + chunkBytes);
    }

    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_CHUNK_BYTES, System.console() != null);
    }
}
