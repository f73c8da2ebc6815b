package dev.papers.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadReplacementTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void replacesUpToTheBoundWithinTheWindowThenShutsTheClientDown() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        ThreadReplacement h = new ThreadReplacement(3, Duration.ofSeconds(60), now::get);
        RuntimeException boom = new IllegalStateException("boom");
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.addAndGet(10 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.addAndGet(10 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD);
        now.addAndGet(10 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(SHUTDOWN_CLIENT); // 4th within 30 s
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        AtomicLong now = new AtomicLong(0);
        ThreadReplacement h = new ThreadReplacement(2, Duration.ofSeconds(60), now::get);
        RuntimeException boom = new IllegalStateException("boom");
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD); // t=0
        now.set(50 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD); // t=50
        now.set(60 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(REPLACE_THREAD); // t=0 left the window: one in it
        now.set(70 * SECOND);
        assertThat(h.handle(boom)).isEqualTo(SHUTDOWN_CLIENT); // t=50 and t=60 in it
    }
}
