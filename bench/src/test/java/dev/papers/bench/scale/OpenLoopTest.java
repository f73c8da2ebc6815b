package dev.papers.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The open-loop schedule and its latency accounting on a simulated clock (no network, no threads): every figure
 * below is worked out by hand from the schedule and a fixed service time.
 */
class OpenLoopTest {
    static final long MS = 1_000_000;
    /** The histograms keep 3 significant digits: a value reads back up to 0.1 % high. */
    static final Percentage HDR = Percentage.withPercentage(0.1);

    /** A clock that only moves when a worker sleeps or a request is served. */
    static final class SimClock implements OpenLoop.Clock {
        long now;

        @Override public long now() { return now; }

        @Override public void sleepUntil(long nanos) { now = Math.max(now, nanos); }
    }

    /** Serves every request in {@code serviceNanos}, remembering when each was sent. */
    static OpenLoop.Sender server(SimClock clock, long serviceNanos, List<Long> sentAt) {
        return i -> {
            sentAt.add(clock.now);
            clock.now += serviceNanos;
            return true;
        };
    }

    @Test
    void requestsAreDueAtFixedIntervalsFromTheStart() {
        OpenLoop.Schedule five = new OpenLoop.Schedule(1_000, 5_000);
        assertThat(five.due(0)).isEqualTo(1_000);
        assertThat(five.due(1)).isEqualTo(1_000 + 200_000);
        assertThat(five.due(5_000)).isEqualTo(1_000 + 1_000_000_000L);
        OpenLoop.Schedule three = new OpenLoop.Schedule(0, 3);
        assertThat(List.of(three.due(1), three.due(2), three.due(3))).containsExactly(333_333_333L, 666_666_666L, 1_000_000_000L);
    }

    @Test
    void aServerSlowerThanTheRateShowsItsQueueInTheLatency() throws Exception {
        // 1,000/s (one due every ms), one connection, 3 ms per answer: request k goes out at 3k ms, answered at
        // 3k + 3, due at k, so its latency is 2k + 3 ms: 3, 5, ..., 21 ms for the ten requests due in [0, 10 ms).
        SimClock clock = new SimClock();
        List<Long> sent = new ArrayList<>();
        OpenLoop.Window w = new OpenLoop.Window(0, 10 * MS, Long.MAX_VALUE);
        OpenLoop.Tally t = OpenLoop.work(new OpenLoop.Schedule(0, 1000), w, new AtomicLong(), clock, server(clock, 3 * MS, sent));
        assertThat(sent).containsExactly(0L, 3 * MS, 6 * MS, 9 * MS, 12 * MS, 15 * MS, 18 * MS, 21 * MS, 24 * MS, 27 * MS);
        assertThat(t.answered()).isEqualTo(10);
        assertThat(t.errors()).isZero();
        assertThat(t.latencyMs(50)).isCloseTo(11.0, HDR);     // the 5th of 3, 5, 7, 9, 11, ...
        assertThat(t.maxMs()).isCloseTo(21.0, HDR);
        assertThat(t.latencyMs(99)).isCloseTo(21.0, HDR);
        // a closed-loop client would have reported the service time only
        assertThat(t.serviceMs(99)).isCloseTo(3.0, HDR);
        // 10 answers by 30 ms: 333/s achieved of the 1,000/s asked
        assertThat(t.achievedPerS(w)).isCloseTo(333.33, Offset.offset(0.01));
    }

    @Test
    void aServerThatKeepsUpIsMeasuredAtItsServiceTimeAndTheFullRate() throws Exception {
        SimClock clock = new SimClock();
        List<Long> sent = new ArrayList<>();
        OpenLoop.Window w = new OpenLoop.Window(0, 10 * MS, Long.MAX_VALUE);
        OpenLoop.Tally t = OpenLoop.work(new OpenLoop.Schedule(0, 1000), w, new AtomicLong(), clock, server(clock, 200_000, sent));
        assertThat(sent).hasSize(10).allSatisfy(s -> assertThat(s % MS).isZero()); // each sent on time
        assertThat(t.latencyMs(50)).isCloseTo(0.2, HDR);
        assertThat(t.maxMs()).isCloseTo(0.2, HDR);
        assertThat(t.achievedPerS(w)).isCloseTo(1000.0, Offset.offset(0.01)); // 10 in the 10 ms window
    }

    @Test
    void theWarmUpIsSentButNotMeasured() throws Exception {
        SimClock clock = new SimClock();
        List<Long> sent = new ArrayList<>();
        OpenLoop.Window w = new OpenLoop.Window(5 * MS, 10 * MS, Long.MAX_VALUE);
        OpenLoop.Tally t = OpenLoop.work(new OpenLoop.Schedule(0, 1000), w, new AtomicLong(), clock, server(clock, 3 * MS, sent));
        assertThat(sent).hasSize(10);
        // measured: due 5..9 ms, sent 15..27 ms, latencies 2k + 3 = 13, 15, 17, 19, 21 ms
        assertThat(t.answered()).isEqualTo(5);
        assertThat(t.latencyMs(0)).isCloseTo(13.0, HDR);
        assertThat(t.maxMs()).isCloseTo(21.0, HDR);
        // 5 answers from 5 ms until the last at 30 ms
        assertThat(t.achievedPerS(w)).isCloseTo(200.0, Offset.offset(0.01));
    }

    @Test
    void requestsStillWaitingAtTheGiveUpTimeAreCountedUnsentNotDropped() throws Exception {
        // sends at 0, 3, 6, 9 ms; at 12 ms the give-up time has come: requests 4..9 are never sent
        SimClock clock = new SimClock();
        List<Long> sent = new ArrayList<>();
        OpenLoop.Window w = new OpenLoop.Window(0, 10 * MS, 12 * MS);
        OpenLoop.Tally t = OpenLoop.work(new OpenLoop.Schedule(0, 1000), w, new AtomicLong(), clock, server(clock, 3 * MS, sent));
        assertThat(sent).hasSize(4);
        assertThat(t.answered()).isEqualTo(4);
        assertThat(t.unsent()).isEqualTo(6);
    }

    @Test
    void failedAnswersAreErrorsAndTalliesAddUp() throws Exception {
        SimClock clock = new SimClock();
        OpenLoop.Window w = new OpenLoop.Window(0, 4 * MS, Long.MAX_VALUE);
        AtomicLong next = new AtomicLong();
        OpenLoop.Tally a = OpenLoop.work(new OpenLoop.Schedule(0, 1000), w, next, clock, i -> i % 2 == 0);
        assertThat(a.ok()).isEqualTo(2);
        assertThat(a.errors()).isEqualTo(2);
        OpenLoop.Tally sum = new OpenLoop.Tally();
        sum.add(a);
        sum.add(a);
        assertThat(sum.answered()).isEqualTo(8);
        assertThat(next.get()).isEqualTo(5); // 4 due in the window, the 5th (due at 4 ms) ends the worker
    }
}
