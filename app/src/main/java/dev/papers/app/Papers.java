package dev.papers.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code papers} launcher: one entry point, one subcommand per stage of the pipeline. The benchmarks have their
 * own launcher ({@code papers-bench}, module bench) so that the services carry no benchmark code.
 */
@Command(name = "papers", mixinStandardHelpOptions = true, version = "papers-pipeline 0.1.0",
        description = "Hugging Face Daily Papers listings -> Kafka -> deduplicated, tagged, queryable catalogue.",
        subcommands = {IngestCommand.class, ProcessorCommand.class, SinkCommand.class, ParseCommand.class,
                GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Papers implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(commandLine().execute(args));
    }

    /** demo and broker only where the embedded broker is on the class path (not in the service images). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Papers()).setCaseInsensitiveEnumValuesAllowed(true);
        // a failed command is one line naming the command and the problem; the stack trace only with --verbose
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            cmd.getErr().println("papers " + cmd.getCommandName() + ": " + msg);
            if (parsed.originalArgs().contains("--verbose")) e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return 1;
        });
        try {
            Class.forName("dev.papers.broker.EmbeddedKafkaBroker", false, Papers.class.getClassLoader());
            cl.addSubcommand(new DemoCommand()).addSubcommand(new BrokerCommand());
        } catch (ClassNotFoundException e) {
            // a service image: no Kafka server jars
        }
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
