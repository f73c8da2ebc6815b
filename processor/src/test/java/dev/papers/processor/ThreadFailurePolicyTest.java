package dev.papers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
    @Test
    void rareFailuresReplaceTheThreadRepeatedOnesShutTheClientDown() {
        long[] now = {0};
        ThreadFailurePolicy p = new ThreadFailurePolicy(3, Duration.ofMinutes(5), () -> now[0]);
        RuntimeException e = new RuntimeException("boom");
        assertThat(p.handle(e)).isEqualTo(REPLACE_THREAD);
        now[0] += Duration.ofMinutes(6).toMillis(); // the first one is out of the window
        assertThat(p.handle(e)).isEqualTo(REPLACE_THREAD);
        now[0] += 1000;
        assertThat(p.handle(e)).isEqualTo(REPLACE_THREAD);
        now[0] += 1000;
        assertThat(p.handle(e)).as("third failure within 5 minutes").isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void liveUnlessDeadOrStoppedUnasked() {
        assertThat(ProcessorHealth.live(State.RUNNING, false)).isTrue();
        assertThat(ProcessorHealth.live(State.REBALANCING, false)).isTrue();
        assertThat(ProcessorHealth.live(State.CREATED, false)).isTrue();
        assertThat(ProcessorHealth.live(State.ERROR, false)).isFalse();
        assertThat(ProcessorHealth.live(State.PENDING_ERROR, true)).isFalse();
        assertThat(ProcessorHealth.live(State.NOT_RUNNING, false)).isFalse();
        assertThat(ProcessorHealth.live(State.NOT_RUNNING, true)).isTrue();
    }
}
