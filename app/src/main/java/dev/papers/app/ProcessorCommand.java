package dev.papers.app;

import dev.papers.processor.ProcessorOptions;
import dev.papers.processor.ProcessorService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "processor", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams processor: reassemble, parse, dedup (exactly-once), tag; until Ctrl-C.")
final class ProcessorCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = "papers-processor", description = "Streams application.id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "data/processor-state", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions for topics it creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--max-page-chars", defaultValue = "67108864", description = "Larger pages are rejected (default: ${DEFAULT-VALUE}).")
    long maxPageChars;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--raw-retention-ms", defaultValue = "-1", description = "Retention of the raw topic when created here; -1 = broker default.")
    long rawRetentionMs;

    @Option(names = "--page-timeout-secs", defaultValue = "300",
            description = "A page whose next chunk does not come within this many seconds is reported in the rejects topic with what was missing (default: ${DEFAULT-VALUE}).")
    long pageTimeoutSecs;

    @Option(names = "--taxonomy", description = "Taxonomy YAML/JSON file replacing the bundled one.")
    Path taxonomy;

    @Option(names = "--streams-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka Streams property (repeatable).")
    Map<String, String> streamsProps = Map.of();

    @Option(names = "--health-host", defaultValue = "${env:PAPERS_HEALTH_HOST:-127.0.0.1}",
            description = "Bind address of /health/live, /health/ready and /metrics (default: ${DEFAULT-VALUE}; env PAPERS_HEALTH_HOST).")
    String healthHost;

    @Option(names = "--health-port", defaultValue = "${env:PAPERS_HEALTH_PORT:-8081}",
            description = "Port of /health/live, /health/ready and /metrics; -1 = none (default: ${DEFAULT-VALUE}; env PAPERS_HEALTH_PORT).")
    int healthPort;

    @Option(names = "--instance-id",
            description = "Static group membership id, unique per instance: a restarted instance takes its partitions back at once"
                    + " (default: application id + host + a hash of the state dir; empty: dynamic membership).")
    String instanceId;

    @Override
    public Integer call() throws InterruptedException {
        ProcessorService svc = ProcessorService.start(kafka.config(), new ProcessorOptions(applicationId, stateDir,
                partitions, maxPageChars, guarantee, taxonomy, rawRetentionMs, streamsProps, Duration.ofSeconds(pageTimeoutSecs))
                .withInstanceId(instanceId).withHealth(healthHost, healthPort));
        System.out.println("processor running against " + kafka.bootstrapServers
                + (svc.healthPort() >= 0 ? ", health on http://" + healthHost + ":" + svc.healthPort() + "/health/live" : "")
                + " (Ctrl-C to stop)");
        Shutdown.onCtrlC(svc);
        // A Streams client that died (its threads kept failing) is not restarted in-process: exit non-zero so a
        // supervisor (compose restart policy, systemd, Kubernetes) starts a fresh one.
        svc.awaitDeath(Duration.ofDays(365_000));
        System.err.println("papers processor: Kafka Streams stopped (" + svc.state() + "); exiting for a restart");
        return 3;
    }
}
