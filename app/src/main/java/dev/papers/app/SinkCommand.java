package dev.papers.app;

import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Materialize the papers topic into a state store and a search index and serve them over HTTP, until Ctrl-C.",
                "Exits with status 3 when its Kafka Streams client fails for good (ERROR), for a supervisor to restart it."})
final class SinkCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = "papers-sink", description = "Streams application.id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "data/sink-state", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP bind address (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port, 0 = free (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--internal-host", description = "Bind address of the listener only the other sinks call (default: --http-host).")
    String internalHost;

    @Option(names = "--internal-port", defaultValue = "0", description = "Port of that listener, 0 = free (default: ${DEFAULT-VALUE}).")
    int internalPort;

    @Option(names = "--advertised-host", description = "Host the other sinks use to reach this one (default: --http-host; set it when binding 0.0.0.0).")
    String advertisedHost;

    @Option(names = "--streams-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka Streams property (repeatable).")
    Map<String, String> streamsProps = Map.of();

    @Override
    public Integer call() {
        SinkService sink = SinkService.start(kafka.config(), new SinkOptions(applicationId, httpHost, httpPort, stateDir,
                streamsProps, internalHost, internalPort, advertisedHost));
        System.out.println("sink serving " + sink.baseUrl() + " (Ctrl-C to stop)");
        // Ctrl-C ends with 0; Kafka Streams in ERROR with 3, as the processor does (its threads kept failing: only a
        // fresh process can get further, so a supervisor should start one).
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping...");
            exit.complete(0);
            sink.close();
        }, "papers-shutdown"));
        sink.failure().thenAccept(reason -> {
            System.err.println("papers sink: " + reason + "; exiting for a restart");
            exit.complete(3);
        });
        int code = exit.join();
        if (code != 0) sink.close(); // on Ctrl-C the hook closes it, and the JVM ends with the hook
        return code;
    }
}
