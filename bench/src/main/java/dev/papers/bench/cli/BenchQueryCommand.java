package dev.papers.bench.cli;

import dev.papers.bench.scale.QueryBench;
import dev.papers.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-query", mixinStandardHelpOptions = true,
        description = {"HTTP load on a running sink: throughput and latency percentiles.",
                "Closed-loop clients (one keep-alive connection each) for S seconds per",
                "workload - point lookups, tag lists, text search - reporting throughput and",
                "p50/p99/p99.9 latency (HdrHistogram) after a warm-up."})
final class BenchQueryCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Sink base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--concurrency", defaultValue = "200", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per workload (default: ${DEFAULT-VALUE}).")
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
        List<QueryBench.Result> rs = QueryBench.run(new QueryBench.Options(url, concurrency, seconds, warmup, kinds, 1, timeout * 1000), System.out);
        if (json != null) {
            Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(rs.stream().map(QueryBench.Result::toMap).toList()) + "\n");
        }
        return rs.stream().allMatch(r -> r.requests() > 0 && r.errors() == 0) ? 0 : 1;
    }
}
