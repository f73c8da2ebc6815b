package dev.papers.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papers.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Plots throughput and memory against corpus size from {@code papers bench --json} files (one PNG, two charts). */
public final class ScalingPlot {
    private ScalingPlot() {}

    public static void plot(List<Path> jsonFiles, Path png, String subtitle) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (Path f : jsonFiles) runs.add(Json.MAPPER.readTree(Files.readString(f)));
        runs.sort(Comparator.comparingDouble(r -> r.path("entries").asDouble()));
        if (runs.isEmpty()) throw new IllegalArgumentException("no benchmark results to plot");

        XYChart tput = chart("Throughput vs corpus size" + (subtitle == null ? "" : " (" + subtitle + ")"), "entries/s (log)");
        tput.getStyler().setYAxisLogarithmic(true);
        add(tput, runs, "ceiling (producer -> consumer)", r -> r.path("ceiling_entries_per_s").asDouble());
        add(tput, runs, "pipeline (ingest -> queryable)", r -> r.path("pipeline_entries_per_s").asDouble());

        XYChart mem = chart("Peak RSS vs corpus size", "MiB");
        add(mem, runs, "processor peak RSS", r -> r.path("ingest_processor_peak_rss_mib").asDouble());
        add(mem, runs, "sink peak RSS", r -> r.path("ingest_sink_peak_rss_mib").asDouble());
        add(mem, runs, "processor + sink", r -> r.path("ingest_total_peak_rss_mib").asDouble());
        add(mem, runs, "processor + sink incl. query load", r -> r.path("query_total_peak_rss_mib").asDouble(Double.NaN));
        XYSeries goal = mem.addSeries("goal: 1 GiB", new double[] {runs.get(0).path("entries").asDouble(),
                runs.get(runs.size() - 1).path("entries").asDouble()}, new double[] {1024, 1024});
        goal.setMarker(SeriesMarkers.NONE);

        if (png.toAbsolutePath().getParent() != null) Files.createDirectories(png.toAbsolutePath().getParent());
        String base = png.toString().endsWith(".png") ? png.toString().substring(0, png.toString().length() - 4) : png.toString();
        BitmapEncoder.saveBitmap(List.of(tput, mem), 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(720).height(480).title(title).xAxisTitle("entries in the corpus (log)")
                .yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setDecimalPattern("#,##0");
        return c;
    }

    private static void add(XYChart c, List<JsonNode> runs, String name, ToDoubleFunction<JsonNode> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (JsonNode r : runs) {
            double v = y.applyAsDouble(r);
            if (Double.isNaN(v) || v <= 0) continue;
            xs.add(r.path("entries").asDouble());
            ys.add(v);
        }
        if (xs.isEmpty()) return;
        c.addSeries(name, xs, ys);
    }
}
