package dev.papers.app;

import dev.papers.ingest.IngestFailedException;
import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publish listing pages (files; folders, searched for .txt .text .md .markdown",
                ".html .htm .json pages; or - for stdin) as raw chunks to the raw topic. A page",
                "is published when Kafka acknowledged every one of its chunks (acks=all)."},
        footer = {"",
                "Exit status: 0 when every page was published (summary line on stdout); 1 when",
                "some were not: each is named on stderr (not published: PATH), then a summary",
                "line; 2 for a wrong argument. Running the same command again publishes them:",
                "every page is sent again whole, under a new ingest id, which the processor",
                "reads as a fresh page of its source.",
                "",
                "Time limits (Kafka client settings; --kafka-prop changes them):",
                "  no broker answering: fails after max.block.ms (default 15 s)",
                "  broker lost mid-way: stops within delivery.timeout.ms + request.timeout.ms",
                "                       (default 30 s + 10 s)"})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--chunk-bytes", description = "Maximum chunk size in bytes (default: ${DEFAULT-VALUE}).", defaultValue = "65536")
    int chunkBytes;

    @Option(names = "--no-progress", description = "No progress bar even on a terminal.")
    boolean noProgress;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or - (stdin).")
    List<String> paths;

    @Override
    public Integer call() {
        if (!kafka.verbose) quietProducerLogs();
        try {
            if (chunkBytes < 4) throw new IllegalArgumentException("--chunk-bytes must be at least 4");
            List<Sources.Source> sources = Sources.discover(paths);
            IngestOptions opts = new IngestOptions(chunkBytes, !noProgress && System.console() != null);
            IngestSummary s = IngestJob.run(kafka.config(), sources, opts);
            System.out.println(s.line());
            return 0;
        } catch (IngestFailedException e) {
            System.err.println("papers ingest: " + e.getMessage());
            if (e.sendingStarted()) {
                for (Sources.Source s : e.notPublished()) {
                    System.err.println("papers ingest: not published: " + (s.isStdin() ? "-" : s.path()));
                }
                System.err.println("papers ingest: " + e.summaryLine());
            }
            return 1;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("papers ingest: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("papers ingest: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The producer logs every retry while a broker is away; the run reports the outcome itself, page by page, so only
     * its errors are shown (--verbose shows everything). Set before the first producer exists: levels are read then.
     */
    private static void quietProducerLogs() {
        for (String pkg : List.of("org.apache.kafka.clients.producer", "org.apache.kafka.clients.admin")) {
            String key = "org.slf4j.simpleLogger.log." + pkg;
            if (System.getProperty(key) == null) System.setProperty(key, "error");
        }
    }
}
