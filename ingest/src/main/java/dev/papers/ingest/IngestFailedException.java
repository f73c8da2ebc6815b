package dev.papers.ingest;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * An ingest that did not publish every page. {@link #getMessage()} is one line: why, and which pages (the first few
 * by name); {@link #notPublished()} has all of them, {@link #published()} the totals of the pages that were. Running
 * the same ingest again publishes them: a page is always sent whole, from seq 0, under a new ingest id.
 */
public final class IngestFailedException extends IOException {
    private static final int NAMES_IN_MESSAGE = 3;

    private final String reason;
    private final IngestSummary published;
    private final List<Sources.Source> notPublished;
    private final boolean sendingStarted;

    IngestFailedException(String reason, IngestSummary published, List<Sources.Source> notPublished,
                          boolean sendingStarted, Throwable cause) {
        super(notPublished.isEmpty() ? reason : reason + "; " + pagesPart(published.pages(), notPublished), cause);
        this.reason = reason;
        this.published = published;
        this.notPublished = List.copyOf(notPublished);
        this.sendingStarted = sendingStarted;
    }

    /** What went wrong, e.g. {@code no Kafka broker answered at 127.0.0.1:1 within 15 s}. */
    public String reason() {
        return reason;
    }

    /** Totals of the pages that were published (every chunk acknowledged). */
    public IngestSummary published() {
        return published;
    }

    /** Every page not published, in input order. */
    public List<Sources.Source> notPublished() {
        return notPublished;
    }

    /** False when the run stopped before sending anything (no broker, no topic): then every page is in {@link #notPublished()}. */
    public boolean sendingStarted() {
        return sendingStarted;
    }

    public String summaryLine() {
        return String.format(Locale.ROOT, "published %d of %d pages (%d chunks, %d bytes) in %.1f s; %d not published: run the same command again to send them",
                published.pages(), published.pages() + notPublished.size(), published.chunks(), published.bytes(),
                published.seconds(), notPublished.size());
    }

    private static String pagesPart(int publishedPages, List<Sources.Source> missing) {
        int total = publishedPages + missing.size();
        if (missing.size() == 1) return "failed to publish " + missing.get(0).name();
        StringBuilder b = new StringBuilder("failed to publish ");
        b.append(missing.size() == total ? "any of the " + total : missing.size() + " of " + total).append(" pages: ");
        for (int i = 0; i < Math.min(NAMES_IN_MESSAGE, missing.size()); i++) b.append(i == 0 ? "" : ", ").append(missing.get(i).name());
        if (missing.size() > NAMES_IN_MESSAGE) b.append(" and ").append(missing.size() - NAMES_IN_MESSAGE).append(" more");
        return b.toString();
    }
}
