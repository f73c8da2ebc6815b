package dev.papers.app;

import dev.papers.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a real single-node Apache Kafka broker (KRaft, broker+controller) on loopback until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "Broker data directory (default: ${DEFAULT-VALUE}).", defaultValue = "data/broker")
    Path dataDir;

    @Option(names = "--port", description = "Listener port; 0 picks a free one (default: ${DEFAULT-VALUE}).", defaultValue = "9092")
    int port;

    @Option(names = "--verbose", description = "Log at INFO, Kafka included.")
    boolean verbose;

    @Override
    public Integer call() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
        System.out.println("Kafka broker (KRaft) ready: bootstrap.servers=" + broker.bootstrapServers()
                + "  data=" + dataDir.toAbsolutePath() + "  (Ctrl-C to stop)");
        Shutdown.awaitCtrlC(broker);
        return 0;
    }
}
