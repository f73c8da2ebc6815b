package dev.papers.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load on a running sink: {@code concurrency} clients, each on its own keep-alive connection,
 * send the next request as soon as the previous answer is read. Three workloads, one after the other: point
 * lookups ({@code GET /papers/{id}}), tag lists ({@code GET /papers?tag=T&limit=20}) and text search
 * ({@code GET /papers?q=WORD&limit=20}). Latencies (HdrHistogram, µs) are measured per request after a warm-up;
 * every request answered after the warm-up counts (clients start no request after the window), and throughput
 * divides by the time until the last of them answered, so a workload slower than the window still reports honest
 * figures. A request without an answer within the timeout (30 s) is an error, recorded at the time it took;
 * being closed-loop, they do not include the queueing an open-loop arrival process would see under overload. The
 * open-loop mode ({@link #runOpen}, {@link #findMax}) sends on a schedule instead ({@link OpenLoop}).
 */
public final class QueryBench {
    /**
     * @param kinds      any of "point", "tag", "search"
     * @param listFields the {@code fields=} of tag and search pages (as the web page asks), null for whole papers
     */
    public record Options(String url, int concurrency, double seconds, double warmupSeconds, List<String> kinds, long seed,
                          int timeoutMs, String listFields) {
        public Options(String url, int concurrency, double seconds, double warmupSeconds, List<String> kinds, long seed) {
            this(url, concurrency, seconds, warmupSeconds, kinds, seed, 30_000);
        }

        public Options(String url, int concurrency, double seconds, double warmupSeconds, List<String> kinds, long seed,
                       int timeoutMs) {
            this(url, concurrency, seconds, warmupSeconds, kinds, seed, timeoutMs, null);
        }

        public Options {
            if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1");
            if (seconds <= 0) throw new IllegalArgumentException("seconds must be > 0");
            url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            kinds = List.copyOf(kinds);
        }
    }

    /** Figures of one workload; latencies in milliseconds. */
    public record Result(String kind, int concurrency, double seconds, long requests, long errors, double throughput,
                         double p50, double p99, double p999, double max, double mean) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("concurrency", concurrency);
            m.put("seconds", round(seconds));
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("throughputPerS", round(throughput));
            m.put("p50Ms", round(p50));
            m.put("p99Ms", round(p99));
            m.put("p999Ms", round(p999));
            m.put("maxMs", round(max));
            m.put("meanMs", round(mean));
            return m;
        }

        public String line() {
            return String.format(Locale.ROOT, "query_%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms (%d requests, %d errors, %d clients)",
                    kind, throughput, p50, p99, p999, max, requests, errors, concurrency);
        }
    }

    /** What the workloads draw from: paper ids, tags and search words found on the sink. */
    record Workload(List<String> ids, List<String> tags, List<String> words) {}

    private QueryBench() {}

    public static List<Result> run(Options o, PrintStream log) throws IOException, InterruptedException {
        Workload w = discover(o.url(), o.seed());
        log.printf(Locale.ROOT, "query workload: %d ids, %d tags, %d search words from %s%n", w.ids().size(), w.tags().size(), w.words().size(), o.url());
        List<Result> out = new ArrayList<>();
        for (String kind : o.kinds()) {
            Result r = runOne(o, w, kind);
            log.println(r.line());
            out.add(r);
        }
        return out;
    }

    static Workload discover(String url, long seed) throws IOException {
        try (MiniHttp http = MiniHttp.of(url, 120_000)) {
            JsonNode tags = json(http, "/tags");
            List<String> tagNames = new ArrayList<>();
            for (JsonNode t : tags) tagNames.add(t.path("tag").asText());
            if (tagNames.isEmpty()) throw new IOException("the sink at " + url + " has no tags: is it loaded?");
            Set<String> ids = new LinkedHashSet<>();
            Set<String> words = new LinkedHashSet<>();
            // ids and words from the first pages of a handful of tag lists (one scan each, at setup only)
            for (String tag : tagNames.subList(0, Math.min(12, tagNames.size()))) {
                JsonNode page = json(http, "/papers?tag=" + enc(tag) + "&limit=500&sort=title");
                for (JsonNode p : page.path("items")) {
                    ids.add(p.path("id").asText());
                    for (String word : p.path("title").asText().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                        if (word.length() >= 6 && words.size() < 400) words.add(word);
                    }
                }
            }
            if (ids.isEmpty()) throw new IOException("no papers found through the tag lists of " + url);
            List<String> idList = new ArrayList<>(ids);
            java.util.Collections.shuffle(idList, new java.util.Random(seed));
            return new Workload(idList, tagNames, new ArrayList<>(words));
        }
    }

    private static Result runOne(Options o, Workload w, String kind) throws InterruptedException {
        long warmupNanos = (long) (o.warmupSeconds() * 1e9);
        long measureNanos = (long) (o.seconds() * 1e9);
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        Histogram[] hist = new Histogram[o.concurrency()];
        AtomicLong errors = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(end);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.concurrency(); i++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            hist[i] = h;
            long threadSeed = o.seed() * 31 + i;
            Thread t = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(threadSeed);
                try (MiniHttp http = MiniHttp.of(o.url(), o.timeoutMs())) {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) break;
                        String path = path(kind, w, rnd, o.listFields());
                        boolean ok;
                        try {
                            MiniHttp.Response r = http.get(path);
                            ok = r.status() == 200;
                        } catch (IOException e) {
                            ok = false;
                            http.close();
                        }
                        long t1 = System.nanoTime();
                        if (t1 >= measureFrom) {
                            // every request answered after the warm-up counts, however long it took (slow queries too)
                            lastDone.accumulateAndGet(t1, Math::max);
                            h.recordValue(Math.max(1, (t1 - t0) / 1000));
                            requests.incrementAndGet();
                            if (!ok) errors.incrementAndGet();
                        }
                    }
                }
            }, "query-" + kind + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        for (Histogram h : hist) all.add(h);
        double secs = (lastDone.get() - measureFrom) / 1e9;
        return new Result(kind, o.concurrency(), secs, requests.get(), errors.get(), requests.get() / secs,
                ms(all.getValueAtPercentile(50)), ms(all.getValueAtPercentile(99)), ms(all.getValueAtPercentile(99.9)),
                ms(all.getMaxValue()), all.getTotalCount() == 0 ? 0 : all.getMean() / 1000.0);
    }

    // ---------------------------------------------------------------- open loop

    /** Figures of one open-loop run at a fixed arrival rate; latencies from each request's due time, in ms. */
    public record OpenResult(String kind, double targetPerS, double achievedPerS, int connections, double seconds,
                             long answered, long errors, long unsent, double p50, double p99, double p999, double max,
                             double serviceP99) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("mode", "open-loop");
            m.put("targetPerS", round(targetPerS));
            m.put("achievedPerS", round(achievedPerS));
            m.put("connections", connections);
            m.put("seconds", round(seconds));
            m.put("answered", answered);
            m.put("errors", errors);
            m.put("unsent", unsent);
            m.put("p50Ms", round(p50));
            m.put("p99Ms", round(p99));
            m.put("p999Ms", round(p999));
            m.put("maxMs", round(max));
            m.put("serviceP99Ms", round(serviceP99));
            return m;
        }

        public String line() {
            return String.format(Locale.ROOT, "query_%s open-loop: target %.0f/s, achieved %.0f/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                            + " max %.1f ms; service p99 %.2f ms (%d answered, %d errors, %d unsent, %d connections)",
                    kind, targetPerS, achievedPerS, p50, p99, p999, max, serviceP99, answered, errors, unsent, connections);
        }

        /** Met: the bound on p99, every request answered without error, and (almost) the whole rate achieved. */
        public boolean meets(double p99BoundMs) {
            return errors == 0 && unsent == 0 && answered > 0 && p99 < p99BoundMs && achievedPerS >= 0.95 * targetPerS;
        }
    }

    /** Open-loop runs at {@code rate} requests/s for each kind of {@code o}, over {@code connections} connections. */
    public static List<OpenResult> runOpen(Options o, double rate, int connections, PrintStream log) throws IOException, InterruptedException {
        Workload w = discover(o.url(), o.seed());
        log.printf(Locale.ROOT, "query workload: %d ids, %d tags, %d search words from %s%n", w.ids().size(), w.tags().size(), w.words().size(), o.url());
        List<OpenResult> out = new ArrayList<>();
        for (String kind : o.kinds()) {
            OpenResult r = openLoop(o, w, kind, rate, connections);
            log.println(r.line());
            out.add(r);
        }
        return out;
    }

    /** Per kind, the highest rate whose open-loop run meets its p99 bound (ms), by {@link RateSearch}. */
    public static Map<String, RateSearch.Found> findMax(Options o, Map<String, Double> p99BoundMs, long startRate, long maxRate,
                                                        int connections, PrintStream log) throws Exception {
        Workload w = discover(o.url(), o.seed());
        Map<String, RateSearch.Found> out = new LinkedHashMap<>();
        for (String kind : o.kinds()) {
            double bound = p99BoundMs.getOrDefault(kind, 25.0);
            RateSearch.Found f = RateSearch.search(startRate, maxRate, 4, rate -> {
                OpenResult r = openLoop(o, w, kind, rate, connections);
                boolean pass = r.meets(bound);
                log.println(r.line() + (pass ? "  -> pass" : "  -> FAIL") + " (p99 bound " + bound + " ms)");
                return new RateSearch.Step(rate, pass, r.line());
            });
            log.printf(Locale.ROOT, "query_%s open-loop max: %d/s with p99 < %s ms%n", kind, f.best(), bound);
            out.put(kind, f);
        }
        return out;
    }

    static OpenResult openLoop(Options o, Workload w, String kind, double rate, int connections) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100); // the workers are up before the first is due
        long measureFrom = start + (long) (o.warmupSeconds() * 1e9);
        long end = measureFrom + (long) (o.seconds() * 1e9);
        OpenLoop.Window win = new OpenLoop.Window(measureFrom, end, end + TimeUnit.MILLISECONDS.toNanos(o.timeoutMs()));
        OpenLoop.Schedule schedule = new OpenLoop.Schedule(start, rate);
        AtomicLong next = new AtomicLong();
        OpenLoop.Tally[] tallies = new OpenLoop.Tally[connections];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i;
            SplittableRandom rnd = new SplittableRandom(o.seed() * 31 + i);
            Thread t = new Thread(() -> {
                try (MiniHttp http = MiniHttp.of(o.url(), o.timeoutMs())) {
                    tallies[n] = OpenLoop.work(schedule, win, next, OpenLoop.SYSTEM, ticket -> {
                        try {
                            return http.get(path(kind, w, rnd, o.listFields())).status() == 200;
                        } catch (IOException e) {
                            http.close();
                            return false;
                        }
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "open-" + kind + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        OpenLoop.Tally all = new OpenLoop.Tally();
        for (OpenLoop.Tally t : tallies) if (t != null) all.add(t);
        return new OpenResult(kind, rate, all.achievedPerS(win), connections, o.seconds(), all.answered(), all.errors(),
                all.unsent(), all.latencyMs(50), all.latencyMs(99), all.latencyMs(99.9), all.maxMs(), all.serviceMs(99));
    }

    static String path(String kind, Workload w, SplittableRandom rnd) {
        return path(kind, w, rnd, null);
    }

    static String path(String kind, Workload w, SplittableRandom rnd, String listFields) {
        String fields = listFields == null ? "" : "&fields=" + enc(listFields);
        return switch (kind) {
            case "point" -> "/papers/" + w.ids().get(rnd.nextInt(w.ids().size()));
            case "tag" -> "/papers?tag=" + enc(w.tags().get(rnd.nextInt(w.tags().size()))) + "&limit=20" + fields;
            case "search" -> "/papers?q=" + enc(w.words().isEmpty() ? "model" : w.words().get(rnd.nextInt(w.words().size()))) + "&limit=20" + fields;
            default -> throw new IllegalArgumentException("unknown query kind " + kind + " (point, tag, search)");
        };
    }

    private static JsonNode json(MiniHttp http, String path) throws IOException {
        MiniHttp.Response r = http.get(path);
        if (r.status() != 200) throw new IOException("GET " + path + " answered " + r.status() + ": " + r.text());
        return Json.MAPPER.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
