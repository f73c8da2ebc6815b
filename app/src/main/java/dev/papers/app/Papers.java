package dev.papers.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code papers} launcher: one entry point, one subcommand per stage of the pipeline. */
@Command(name = "papers", mixinStandardHelpOptions = true, version = "papers-pipeline 0.1.0",
        description = "Hugging Face Daily Papers listings -> Kafka -> deduplicated, tagged, queryable catalogue.",
        subcommands = {DemoCommand.class, BrokerCommand.class, IngestCommand.class, ProcessorCommand.class,
                SinkCommand.class, ParseCommand.class, GenerateCommand.class, BenchCommand.class,
                BenchQueryCommand.class, BenchPlotCommand.class, CommandLine.HelpCommand.class})
public final class Papers implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Papers()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
