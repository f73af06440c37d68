package org.rdsim.spark.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rdsim.core.observe.EnsembleStatistics;

/** PNG figures of results (JFreeChart, headless). */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final Color LINE = new Color(31, 90, 160);
    private static final Color BAND = new Color(31, 90, 160, 60);

    private Plots() {
    }

    /** Mean over time with the 5-95% quantile band, for one species. */
    public static void meanWithBand(EnsembleStatistics stats, int species, String name, OutputStream out)
            throws IOException {
        YIntervalSeries series = new YIntervalSeries("mean, with 5%-95% band");
        double[] t = stats.times();
        for (int k = 0; k < t.length; k++) {
            series.add(t[k], stats.mean(k, species), stats.quantile(k, species, 0.05),
                    stats.quantile(k, species, 0.95));
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        JFreeChart chart = ChartFactory.createXYLineChart(name + ": mean and 5%-95% band over " + stats.count()
                + " replicas", "t", "molecules", data, PlotOrientation.VERTICAL, true, false, false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesFillPaint(0, BAND);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setAlpha(1f);
        style(chart).setRenderer(renderer);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    /** Histogram of the final values of one species across replicas. */
    public static void histogram(double[] values, String name, double time, OutputStream out) throws IOException {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            whole &= v == Math.rint(v);
        }
        int bins;
        double lo;
        double hi;
        if (whole) { // bars a whole number of molecules wide, so no bar holds more integers than another
            double span = max - min + 1;
            double width = Math.max(1, Math.ceil(span / 60));
            bins = (int) Math.ceil(span / width);
            lo = min - 0.5;
            hi = lo + bins * width;
        } else {
            bins = 60;
            lo = min;
            hi = max > min ? max : min + 1;
        }
        HistogramDataset data = new HistogramDataset();
        data.addSeries(name, values, bins, lo, hi);
        JFreeChart chart = ChartFactory.createHistogram(name + " at t = " + time + " (" + values.length
                + " replicas)", "molecules", "replicas", data, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = style(chart);
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, LINE);
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    /** One trajectory, every species, drawn as steps. */
    public static void trajectory(double[] t, double[][] x, String[] names, String title, OutputStream out)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.length; s++) {
            XYSeries series = new XYSeries(names[s], false, true);
            for (int k = 0; k < t.length; k++) {
                series.add(t[k], x[k][s], false);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "t", "molecules", data, PlotOrientation.VERTICAL,
                true, false, false);
        style(chart).setRenderer(new XYStepRenderer());
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    private static XYPlot style(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        chart.setBackgroundPaint(Color.WHITE);
        return plot;
    }
}
