package dev.papers.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code papers-bench} launcher: the benchmark commands, kept out of {@code papers} so that the services (and
 * their images) carry no benchmark code, plotting library or JMH. {@code ./papers bench…} forwards here.
 */
@Command(name = "papers-bench", mixinStandardHelpOptions = true, version = "papers-pipeline 0.1.0",
        description = "Benchmarks of papers-pipeline (see BENCHMARKS.md).",
        subcommands = {BenchCommand.class, BenchQueryCommand.class, BenchPlotCommand.class, CommandLine.HelpCommand.class})
public final class PapersBench implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new PapersBench()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
