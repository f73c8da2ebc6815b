package dev.papers.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code papers} launcher: one entry point, one subcommand per stage of the pipeline. The benchmarks have their
 * own launcher ({@code papers-bench}, module bench) so that the services carry no benchmark code.
 */
@Command(name = "papers", mixinStandardHelpOptions = true, version = "papers-pipeline 0.1.0",
        description = "Hugging Face Daily Papers listings -> Kafka -> deduplicated, tagged, queryable catalogue.",
        subcommands = {DemoCommand.class, BrokerCommand.class, IngestCommand.class, ProcessorCommand.class,
                SinkCommand.class, ParseCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class Papers implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        int status;
        try {
            status = commandLine().execute(args);
        } catch (NoClassDefFoundError e) {
            if (!String.valueOf(e.getMessage()).startsWith("dev/papers/broker/")) throw e;
            // The service images carry no Kafka server jars: only demo/broker need them.
            System.err.println("papers: this installation has no embedded Kafka broker (a service image?): "
                    + "give --bootstrap-servers, or use the broker image");
            status = 2;
        }
        System.exit(status);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Papers()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
