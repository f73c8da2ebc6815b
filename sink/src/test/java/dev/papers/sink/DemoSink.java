package dev.papers.sink;

import dev.papers.broker.EmbeddedKafkaBroker;
import dev.papers.common.Paper;
import dev.papers.common.PapersConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A real broker and one sink serving the demo-data papers and the rising ones ({@link DemoCatalogue#all}), for HTTP tests that only read. */
final class DemoSink implements AutoCloseable {
    final EmbeddedKafkaBroker broker;
    final SinkService sink;
    final String base;
    final List<Paper> papers;
    final PapersConfig cfg;

    private DemoSink(EmbeddedKafkaBroker broker, SinkService sink, List<Paper> papers, PapersConfig cfg) {
        this.broker = broker;
        this.sink = sink;
        this.base = sink.baseUrl();
        this.papers = papers;
        this.cfg = cfg;
    }

    /** Starts both in {@code dir}, publishes the papers and returns once the sink serves every one of them. */
    static DemoSink start(Path dir, String name) throws Exception {
        List<Paper> demo = DemoCatalogue.all();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PapersConfig cfg = PapersConfig.defaults(broker.bootstrapServers()).withTopicPrefix(name + "-" + suffix + "-");
        SinkService sink = SinkService.start(cfg, new SinkOptions("sink-" + name + "-" + suffix, "127.0.0.1", 0, dir.resolve("state"),
                Map.of("commit.interval.ms", "100", "statestore.cache.max.bytes", "0")));
        DemoSink d = new DemoSink(broker, sink, demo, cfg);
        TestData.publish(cfg, demo);
        TestData.awaitCatalogue(d.base, demo, Duration.ofSeconds(90));
        return d;
    }

    @Override
    public void close() throws Exception {
        sink.close();
        broker.close();
    }
}
