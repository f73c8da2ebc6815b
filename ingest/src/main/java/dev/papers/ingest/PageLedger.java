package dev.papers.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Which chunks Kafka acknowledged, page by page. A page is published when every one of its chunks was handed to the
 * producer and acknowledged; a page with a chunk failed, unacknowledged or never sent is not. Producer callbacks
 * (on Kafka's I/O thread) and the ingest thread meet here.
 */
final class PageLedger {
    private final List<Sources.Source> pages;
    private final int[] expected; // chunks of the page, -1 until it is read
    private final int[] handed;   // chunks handed to the producer
    private final int[] acked;
    private final boolean[] failed;
    private final long[] bytes;
    private long outstanding;
    private Exception firstError;
    private String firstErrorPage;

    PageLedger(List<Sources.Source> pages) {
        this.pages = List.copyOf(pages);
        int n = pages.size();
        expected = new int[n];
        java.util.Arrays.fill(expected, -1);
        handed = new int[n];
        acked = new int[n];
        failed = new boolean[n];
        bytes = new long[n];
    }

    synchronized void started(int page, int chunks, long pageBytes) {
        expected[page] = chunks;
        bytes[page] = pageBytes;
    }

    /** Called before {@code send}: its callback may run inside {@code send} itself. */
    synchronized void handing(int page) {
        handed[page]++;
        outstanding++;
    }

    synchronized void acked(int page) {
        acked[page]++;
        outstanding--;
        notifyAll();
    }

    /** A chunk that Kafka failed, or whose {@code send} threw ({@code handing} was called for it). */
    synchronized void failed(int page, Exception e) {
        outstanding--;
        fail(page, e);
    }

    /** The page could not be read or sent at all. */
    synchronized void fail(int page, Exception e) {
        failed[page] = true;
        if (firstError == null) {
            firstError = e;
            firstErrorPage = pages.get(page).name();
        }
        notifyAll();
    }

    synchronized Exception firstError() {
        return firstError;
    }

    synchronized String firstErrorPage() {
        return firstErrorPage;
    }

    /**
     * Waits until no chunk is outstanding (or, with {@code orError}, until some chunk failed), at most until
     * {@code deadlineNanos} ({@link System#nanoTime()}). Returns whether that happened.
     */
    synchronized boolean awaitSettled(long deadlineNanos, boolean orError) throws InterruptedException {
        while (outstanding > 0 && !(orError && firstError != null)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized boolean published(int page) {
        return expected[page] >= 0 && !failed[page] && handed[page] == expected[page] && acked[page] == expected[page];
    }

    /** The published pages' totals and, in input order, the pages that were not published. */
    synchronized Outcome outcome(double seconds) {
        int pagesOk = 0;
        long chunks = 0;
        long byteCount = 0;
        List<Sources.Source> missing = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            if (published(i)) {
                pagesOk++;
                chunks += expected[i];
                byteCount += bytes[i];
            } else {
                missing.add(pages.get(i));
            }
        }
        return new Outcome(new IngestSummary(pagesOk, chunks, byteCount, seconds), missing);
    }

    record Outcome(IngestSummary published, List<Sources.Source> notPublished) {}
}
