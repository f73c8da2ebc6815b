package dev.papers.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingPlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesOnePngWithTwoCharts() throws Exception {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        Files.writeString(a, "{\"entries\":10000,\"ceiling_entries_per_s\":50000,\"pipeline_entries_per_s\":900,"
                + "\"ingest_processor_peak_rss_mib\":300,\"ingest_sink_peak_rss_mib\":250,\"ingest_total_peak_rss_mib\":550}");
        Files.writeString(b, "{\"entries\":100000,\"ceiling_entries_per_s\":60000,\"pipeline_entries_per_s\":1000,"
                + "\"ingest_processor_peak_rss_mib\":400,\"ingest_sink_peak_rss_mib\":350,\"ingest_total_peak_rss_mib\":750,"
                + "\"query_total_peak_rss_mib\":900}");
        Path png = tmp.resolve("out/scaling.png");
        System.setProperty("java.awt.headless", "true");
        ScalingPlot.plot(List.of(b, a), png, "test");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1440);
        assertThat(img.getHeight()).isEqualTo(480);
    }
}
