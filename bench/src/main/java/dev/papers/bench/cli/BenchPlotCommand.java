package dev.papers.bench.cli;

import dev.papers.bench.scale.ScalingPlot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench-plot", mixinStandardHelpOptions = true,
        description = "Plot throughput and peak RSS against corpus size from `papers bench --json` files (PNG).")
final class BenchPlotCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "docs/bench/scaling.png", description = "PNG file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--subtitle", description = "Added to the first chart's title (e.g. the machine).")
    String subtitle;

    @Parameters(arity = "1..*", paramLabel = "JSON", description = "Result files of `papers bench --json`.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        ScalingPlot.plot(files, out, subtitle);
        System.out.println("wrote " + out);
        return 0;
    }
}
