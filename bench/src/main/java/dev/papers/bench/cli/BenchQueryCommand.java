package dev.papers.bench.cli;

import dev.papers.bench.scale.QueryBench;
import dev.papers.bench.scale.RateSearch;
import dev.papers.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench-query", mixinStandardHelpOptions = true,
        description = {"HTTP load on a running sink: throughput and latency percentiles.",
                "Closed-loop by default: clients (one keep-alive connection each) for S seconds per",
                "workload - point lookups, tag lists, text search - reporting throughput and",
                "p50/p99/p99.9 latency (HdrHistogram) after a warm-up.",
                "Open-loop with --rate N: N requests/s per workload on a fixed schedule, latency from",
                "each request's due time (queueing shows). With --find-max: the highest rate per",
                "workload whose p99 stays under its --p99-bound, by doubling then bisecting."})
final class BenchQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Sink base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--concurrency", defaultValue = "200", description = "Closed-loop: concurrent clients (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", description = "Open-loop: requests/s per workload (with --find-max: the first rate tried, default 1000).")
    Double rate;

    @Option(names = "--find-max", description = "Open-loop: search the highest rate per workload meeting its --p99-bound.")
    boolean findMax;

    @Option(names = "--max-rate", defaultValue = "100000", description = "Open-loop: highest rate --find-max tries (default: ${DEFAULT-VALUE}).")
    long maxRate;

    @Option(names = "--p99-bound", split = ",", defaultValue = "point=5,tag=25,search=25",
            description = "Open-loop: p99 bound in ms per workload for --find-max (default: ${DEFAULT-VALUE}).")
    Map<String, Double> p99Bound;

    @Option(names = "--connections", defaultValue = "16", description = "Open-loop: connections (one thread each) that send on the schedule (default: ${DEFAULT-VALUE}: on a machine shared with the sink, more threads cost the client more CPU than they add).")
    int connections;

    @Option(names = "--fields", description = "fields= of the tag and search pages, e.g. the web page's list: "
            + "id,title,upvotes,published,publishedText,organization (default: whole papers).")
    String fields;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per workload (per step with --find-max) (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured warm-up seconds per workload (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--kinds", split = ",", defaultValue = "point,tag,search", description = "Workloads, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds before a request counts as an error (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--json", description = "Write the results as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        for (String k : kinds) {
            if (!List.of("point", "tag", "search").contains(k)) throw bad("--kinds: unknown workload '" + k + "' (point, tag, search)");
        }
        if (rate != null && !(rate > 0)) throw bad("--rate must be > 0");
        if (connections < 1) throw bad("--connections must be >= 1");
        QueryBench.Options o = new QueryBench.Options(url, concurrency, seconds, warmup, kinds, 1, timeout * 1000, fields);
        Object out;
        boolean ok;
        if (findMax) {
            long start = rate == null ? 1000 : Math.round(rate);
            if (maxRate < start) throw bad("--max-rate must be >= the first rate (" + start + ")");
            Map<String, RateSearch.Found> found = QueryBench.findMax(o, p99Bound, start, maxRate, connections, System.out);
            Map<String, Object> m = new LinkedHashMap<>();
            found.forEach((k, f) -> m.put(k, Map.of("maxRatePerS", f.best(), "p99BoundMs", p99Bound.getOrDefault(k, 25.0),
                    "steps", f.steps().stream().map(RateSearch.Step::detail).toList())));
            out = m;
            ok = found.values().stream().allMatch(f -> f.best() > 0);
        } else if (rate != null) {
            List<QueryBench.OpenResult> rs = QueryBench.runOpen(o, rate, connections, System.out);
            out = rs.stream().map(QueryBench.OpenResult::toMap).toList();
            ok = rs.stream().allMatch(r -> r.answered() > 0 && r.errors() == 0 && r.unsent() == 0);
        } else {
            List<QueryBench.Result> rs = QueryBench.run(o, System.out);
            out = rs.stream().map(QueryBench.Result::toMap).toList();
            ok = rs.stream().allMatch(r -> r.requests() > 0 && r.errors() == 0);
        }
        if (json != null) Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        return ok ? 0 : 1;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
