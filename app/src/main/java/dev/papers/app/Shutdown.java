package dev.papers.app;

import java.util.concurrent.CountDownLatch;

/** Blocks until Ctrl-C, then runs the closers in order (reverse of start). */
final class Shutdown {
    private Shutdown() {}

    static void awaitCtrlC(AutoCloseable... closers) {
        CountDownLatch done = onCtrlC(closers);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the closers for Ctrl-C without blocking; the latch opens when they have run. */
    static CountDownLatch onCtrlC(AutoCloseable... closers) {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping...");
            for (AutoCloseable c : closers) {
                if (c == null) continue;
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("error while stopping: " + e.getMessage());
                }
            }
            done.countDown();
        }, "papers-shutdown"));
        return done;
    }
}
