package org.rdsim.spark.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
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
    private static final Color THEORY = new Color(200, 60, 40);

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

    /**
     * Heat map of a 2-D slice, values[row = y][column = x], with a viridis colour bar. Axes are in
     * model length units: cell (i, j) covers [i dx, (i + 1) dx] x [j dx, (j + 1) dx]. The height
     * follows the slice's aspect within bounds, so a single row (a 1-D grid) is a readable strip.
     */
    public static void slice(double[][] values, double dx, String title, String legend, OutputStream out)
            throws IOException {
        int ny = values.length;
        int nx = ny == 0 ? 0 : values[0].length;
        if (nx == 0 || !(dx > 0) || Double.isInfinite(dx)) {
            throw new IllegalArgumentException("a slice needs at least one value and a positive cell side; got "
                    + ny + " rows of " + nx + " and dx = " + dx);
        }
        double[] rows = new double[ny];
        for (int j = 0; j < ny; j++) {
            rows[j] = j * dx;
        }
        int plotHeight = (int) Math.max(160, Math.min(800, Math.round((WIDTH - 180.0) * ny / nx)));
        heatMap(values, dx, rows, dx, "y", title, legend, plotHeight, out);
    }

    /**
     * A space-time image of a 1-D field: values[row][x] at times[row] (increasing), x horizontal
     * in model length (column i covers [i w, (i + 1) w], w the column width), time upwards, each
     * row drawn from its time to the next (the last as tall as the one before).
     */
    public static void spaceTime(double[][] values, double[] times, double columnWidth, String title, String legend,
            OutputStream out) throws IOException {
        int rows = values.length;
        if (rows == 0 || times.length != rows || values[0].length == 0 || !(columnWidth > 0)) {
            throw new IllegalArgumentException("a space-time image needs rows of values at as many times and a "
                    + "positive column width; got " + rows + " rows, " + times.length + " times");
        }
        double height = rows > 1 ? (times[rows - 1] - times[0]) / (rows - 1) : 1;
        if (!(height > 0)) {
            throw new IllegalArgumentException("times must increase; got " + times[0] + " ... " + times[rows - 1]);
        }
        heatMap(values, columnWidth, times, height, "t", title, legend, 600, out);
    }

    /** values[row][column] as blocks of the given width and height from (column width, rowStart[row]). */
    private static void heatMap(double[][] values, double width, double[] rowStart, double height, String rowLabel,
            String title, String legend, int plotHeight, OutputStream out) throws IOException {
        int ny = values.length;
        int nx = values[0].length;
        double[][] xyz = new double[3][nx * ny];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ny; j++) {
            if (values[j].length != nx) {
                throw new IllegalArgumentException("slice row " + j + " has " + values[j].length + " values; row 0 has "
                        + nx);
            }
            for (int i = 0; i < nx; i++) {
                int k = i + nx * j;
                xyz[0][k] = i * width;
                xyz[1][k] = rowStart[j];
                xyz[2][k] = values[j][i];
                if (Double.isFinite(values[j][i])) {
                    min = Math.min(min, values[j][i]);
                    max = Math.max(max, values[j][i]);
                }
            }
        }
        if (min > max) { // nothing finite to scale by
            min = 0;
            max = 1;
        } else if (min == max) { // a constant field: centre it on the bar, which needs a span
            double pad = Math.abs(min) > 1e-300 ? Math.abs(min) * 0.1 : 0.5;
            min -= pad;
            max += pad;
        }
        ViridisScale scale = new ViridisScale(min, max);
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(legend, xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(width);
        renderer.setBlockHeight(height);
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);
        renderer.setPaintScale(scale);
        int ticks = Math.max(4, plotHeight / 70);
        XYPlot plot = new XYPlot(data, axis("x", 0, nx * width, 10),
                axis(rowLabel, rowStart[0], rowStart[ny - 1] + height, ticks), renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(false); // antialiased blocks leave faint seams between cells
        PaintScaleLegend bar = new PaintScaleLegend(scale, axis(legend, min, max, ticks));
        bar.setSubdivisionCount(256);
        bar.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(15);
        bar.setAxisOffset(5);
        bar.setMargin(new RectangleInsets(10, 10, 10, 10));
        bar.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(bar);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, plotHeight + 110);
    }

    /**
     * A structure factor: S per bin against the modified wavenumber ktilde with +-2 se error bars,
     * and the theory's curve through the same bins when {@code theory} is not null.
     */
    public static void structureFactor(double[] ktilde, double[] s, double[] se, double[] theory, String title,
            String theoryName, OutputStream out) throws IOException {
        YIntervalSeries measured = new YIntervalSeries("measured, +-2 se");
        for (int j = 0; j < ktilde.length; j++) {
            measured.add(ktilde[j], s[j], s[j] - 2 * se[j], s[j] + 2 * se[j]);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(measured);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "modified wavenumber ktilde", "S(k)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart);
        XYErrorRenderer errors = new XYErrorRenderer();
        errors.setDrawXError(false);
        errors.setDefaultLinesVisible(false);
        errors.setSeriesPaint(0, LINE);
        errors.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        errors.setErrorPaint(BAND);
        plot.setRenderer(0, errors);
        if (theory != null) {
            XYSeries curve = new XYSeries(theoryName, false, true);
            for (int j = 0; j < ktilde.length; j++) {
                curve.add(ktilde[j], theory[j], false);
            }
            plot.setDataset(1, new XYSeriesCollection(curve));
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, THEORY);
            line.setSeriesStroke(0, new BasicStroke(2f));
            plot.setRenderer(1, line);
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    /**
     * The distribution of molecules per cell: measured probabilities as bars, the reference
     * Poisson law as a line with points, over counts[0] .. counts[last].
     */
    public static void countDistribution(long[] counts, double[] measured, double[] poisson, String title,
            String poissonName, OutputStream out) throws IOException {
        XYSeries bars = new XYSeries("measured", false, true);
        XYSeries law = new XYSeries(poissonName, false, true);
        for (int i = 0; i < counts.length; i++) {
            bars.add(counts[i], measured[i], false);
            law.add(counts[i], poisson[i], false);
        }
        JFreeChart chart = ChartFactory.createXYBarChart(title, "molecules per cell N", false, "P(N)",
                new XYSeriesCollection(bars), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart);
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, BAND);
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setBarPainter(new StandardXYBarPainter());
        XYSeriesCollection lawData = new XYSeriesCollection(law);
        lawData.setIntervalWidth(1.0);
        plot.setDataset(1, lawData);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, THEORY);
        line.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        plot.setRenderer(1, line);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    /** A fixed range with about the given number of ticks, at a round step (auto ticks crowd large plots). */
    private static NumberAxis axis(String label, double lower, double upper, int ticks) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(lower, upper);
        double step = (upper - lower) / ticks;
        axis.setTickUnit((NumberTickUnit) NumberAxis.createStandardTickUnits().getCeilingTickUnit(step));
        return axis;
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
