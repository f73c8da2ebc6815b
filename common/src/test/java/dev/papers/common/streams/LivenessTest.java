package dev.papers.common.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class LivenessTest {
    @Test
    void liveUnlessDeadOrStoppedUnasked() {
        assertThat(Liveness.live(State.RUNNING, false)).isTrue();
        assertThat(Liveness.live(State.REBALANCING, false)).isTrue();
        assertThat(Liveness.live(State.CREATED, false)).isTrue();
        assertThat(Liveness.live(State.ERROR, false)).isFalse();
        assertThat(Liveness.live(State.PENDING_ERROR, true)).isFalse();
        assertThat(Liveness.live(State.NOT_RUNNING, false)).isFalse();
        assertThat(Liveness.live(State.NOT_RUNNING, true)).isTrue();
    }
}
