package dev.papers.bench.scale;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load: requests are due on a fixed schedule, whatever the answers do, and each latency is measured from
 * the request's <em>due</em> time. When the server (or every connection) is busy, later requests go out late and
 * that wait is in their latency: the queueing a closed-loop client hides (coordinated omission) shows. Workers
 * take the next due request from a shared counter, wait for its time, send it and record it.
 */
public final class OpenLoop {
    private OpenLoop() {}

    /** Request {@code i} is due at {@code start + i / rate}. */
    public record Schedule(long startNanos, double ratePerS) {
        public Schedule {
            if (!(ratePerS > 0)) throw new IllegalArgumentException("rate must be > 0");
        }

        public long due(long i) {
            return startNanos + (long) Math.floor(i * 1e9 / ratePerS);
        }
    }

    /** Time as the workers see it: the real one, or a simulated one in tests. */
    public interface Clock {
        long now();

        void sleepUntil(long nanos) throws InterruptedException;
    }

    public static final Clock SYSTEM = new Clock() {
        @Override public long now() { return System.nanoTime(); }

        @Override public void sleepUntil(long nanos) throws InterruptedException {
            for (long d; (d = nanos - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(d);
                if (Thread.interrupted()) throw new InterruptedException();
            }
        }
    };

    /** Sends request {@code i} and waits for its answer; true when it was a success. */
    public interface Sender {
        boolean send(long i);
    }

    /**
     * The window of one run: requests due in [{@code measureFrom}, {@code end}) are measured (earlier ones are the
     * warm-up); none is sent after {@code giveUpAt} (a bound on the run's time), those count as unsent.
     */
    public record Window(long measureFrom, long end, long giveUpAt) {}

    /** One worker's (or, merged, the run's) figures; latencies in µs. */
    public static final class Tally {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
        final Histogram service = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
        long ok, errors, unsent, lastDone = Long.MIN_VALUE;

        void record(long due, long sent, long done, boolean success) {
            latency.recordValue(Math.max(1, (done - due) / 1000));
            service.recordValue(Math.max(1, (done - sent) / 1000));
            if (success) ok++;
            else errors++;
            lastDone = Math.max(lastDone, done);
        }

        public void add(Tally t) {
            latency.add(t.latency);
            service.add(t.service);
            ok += t.ok;
            errors += t.errors;
            unsent += t.unsent;
            lastDone = Math.max(lastDone, t.lastDone);
        }

        public long answered() { return ok + errors; }

        public long ok() { return ok; }

        public long errors() { return errors; }

        public long unsent() { return unsent; }

        /** Latency percentile from the due time, ms. */
        public double latencyMs(double percentile) { return latency.getValueAtPercentile(percentile) / 1000.0; }

        public double maxMs() { return latency.getMaxValue() / 1000.0; }

        /** Service time (send to answer) percentile, ms: what a closed-loop client would report. */
        public double serviceMs(double percentile) { return service.getValueAtPercentile(percentile) / 1000.0; }

        /** Successful answers per second over the window, or until the last answer when that came later. */
        public double achievedPerS(Window w) {
            long until = Math.max(w.end(), lastDone);
            return ok / ((until - w.measureFrom()) / 1e9);
        }
    }

    /** One worker: takes due requests from {@code next} until the schedule reaches the window's end. */
    public static Tally work(Schedule s, Window w, AtomicLong next, Clock clock, Sender sender) throws InterruptedException {
        Tally t = new Tally();
        while (true) {
            long i = next.getAndIncrement();
            long due = s.due(i);
            if (due >= w.end()) return t;
            boolean measured = due >= w.measureFrom();
            if (clock.now() >= w.giveUpAt()) {
                if (measured) t.unsent++;
                continue;
            }
            clock.sleepUntil(due);
            long sent = clock.now();
            boolean ok = sender.send(i);
            long done = clock.now();
            if (measured) t.record(due, sent, done, ok);
        }
    }
}
