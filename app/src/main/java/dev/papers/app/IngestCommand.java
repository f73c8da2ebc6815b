package dev.papers.app;

import dev.papers.ingest.IngestJob;
import dev.papers.ingest.IngestOptions;
import dev.papers.ingest.IngestSummary;
import dev.papers.ingest.Sources;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Publish listing pages (files; folders, searched for .txt .md .html .htm .json pages; or - for stdin) as raw chunks to the raw topic.")
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
    public Integer call() throws Exception {
        if (chunkBytes < 4) throw new IllegalArgumentException("--chunk-bytes must be at least 4");
        IngestOptions opts = new IngestOptions(chunkBytes, !noProgress && System.console() != null);
        IngestSummary s = IngestJob.run(kafka.config(), Sources.discover(paths), opts);
        System.out.println(s.line());
        return 0;
    }
}
