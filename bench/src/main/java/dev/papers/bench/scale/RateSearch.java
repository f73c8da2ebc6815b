package dev.papers.bench.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * The highest arrival rate that still meets a latency bound, by steps: double the rate while it passes (halve while
 * it fails, from a failing start), then bisect between the last pass and the first fail a few times. Rates are whole
 * requests per second; each step is one short open-loop run.
 */
public final class RateSearch {
    private RateSearch() {}

    /** One measured step: the verdict is computed by the caller (p99 under the bound, no errors, rate achieved). */
    public record Step(long rate, boolean pass, String detail) {}

    /** Measures one rate. */
    public interface Measure {
        Step at(long rate) throws Exception;
    }

    /** The steps in the order run and the best passing rate (0 when none passed). */
    public record Found(long best, List<Step> steps) {}

    public static Found search(long start, long max, int refinements, Measure measure) throws Exception {
        if (start < 1 || max < start) throw new IllegalArgumentException("need 1 <= start <= max");
        List<Step> steps = new ArrayList<>();
        long pass = 0, fail = -1;
        Step s = run(measure, start, steps);
        if (s.pass()) {
            pass = start;
            while (pass < max) {
                long r = Math.min(max, pass * 2);
                if (run(measure, r, steps).pass()) pass = r;
                else { fail = r; break; }
            }
            if (fail < 0) return new Found(pass, steps);
        } else {
            fail = start;
            while (fail > 1) {
                long r = fail / 2;
                if (run(measure, r, steps).pass()) { pass = r; break; }
                fail = r;
            }
            if (pass == 0) return new Found(0, steps);
        }
        for (int k = 0; k < refinements && fail - pass > 1; k++) {
            long mid = Math.round((pass + fail) / 2.0);
            if (run(measure, mid, steps).pass()) pass = mid;
            else fail = mid;
        }
        return new Found(pass, steps);
    }

    private static Step run(Measure m, long rate, List<Step> steps) throws Exception {
        Step s = m.at(rate);
        steps.add(s);
        return s;
    }
}
