package dev.papers.common.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed stream thread is replaced (a passing failure: the task starts again from its last commit), at most
 * {@code max} times within {@code window}; a thread that keeps failing shuts the client down instead, so it ends in
 * ERROR, {@code /health/live} says so and the service ({@code papers processor}, {@code papers sink}) exits for its
 * supervisor to restart it with fresh clients. Bad records never get here: they are dead letters ({@link DeadLetters}).
 */
public final class ThreadReplacement implements StreamsUncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ThreadReplacement.class);

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> replaced = new ArrayDeque<>();

    public ThreadReplacement(int max, Duration window, LongSupplier nanoClock) {
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable e) {
        long now = nanoClock.getAsLong();
        while (!replaced.isEmpty() && now - replaced.peekFirst() >= windowNanos) replaced.removeFirst();
        if (replaced.size() >= max) {
            log.error("stream thread failed again after {} replacements within {} s: shutting this Kafka Streams client down",
                    replaced.size(), windowNanos / 1_000_000_000L, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replaced.addLast(now);
        log.warn("stream thread failed, replacing it ({} of {} replacements within {} s)", replaced.size(), max,
                windowNanos / 1_000_000_000L, e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
