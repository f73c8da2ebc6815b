package dev.papers.processor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * What to do when a stream thread dies of an exception no handler took (a broker or state-store failure, not a bad
 * record: those are dead letters). A thread is replaced while failures stay rare; {@code maxFailures} within
 * {@code window} mean it would fail forever, so the client shuts down (state ERROR): the health endpoint then says
 * not live and the process exits non-zero, for a supervisor to restart it with fresh clients.
 */
public final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {
    private final int maxFailures;
    private final long windowMs;
    private final LongSupplier clock;
    private final Deque<Long> failures = new ArrayDeque<>();

    public ThreadFailurePolicy(int maxFailures, Duration window, LongSupplier clockMs) {
        this.maxFailures = maxFailures;
        this.windowMs = window.toMillis();
        this.clock = clockMs;
    }

    public static ThreadFailurePolicy defaults() {
        return new ThreadFailurePolicy(3, Duration.ofMinutes(5), System::currentTimeMillis);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.getAsLong();
        failures.addLast(now);
        while (!failures.isEmpty() && now - failures.peekFirst() > windowMs) failures.removeFirst();
        return failures.size() >= maxFailures ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT
                : StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
