package dev.papers.app;

import dev.papers.sink.SinkOptions;
import dev.papers.sink.SinkService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Materialize the papers topic into a state store and a search index and serve them over HTTP, until Ctrl-C.")
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

    @Option(names = "--streams-prop", paramLabel = "KEY=VALUE", description = "Extra Kafka Streams property (repeatable).")
    Map<String, String> streamsProps = Map.of();

    @Override
    public Integer call() {
        SinkService sink = SinkService.start(kafka.config(), new SinkOptions(applicationId, httpHost, httpPort, stateDir, streamsProps));
        System.out.println("sink serving " + sink.baseUrl() + " (Ctrl-C to stop)");
        Shutdown.awaitCtrlC(sink);
        return 0;
    }
}
