package org.rdsim.spark.output;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * The viridis colour map over [lower, upper]: perceptually uniform, readable in grey and by
 * colour-blind readers. 256 colours interpolated linearly between nine samples of matplotlib's
 * map; values outside the bounds take the end colours, NaN is grey.
 */
final class ViridisScale implements PaintScale {

    private static final int[] SAMPLES = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaddc30, 0xfde725};
    private static final Color[] COLOURS = new Color[256];
    private static final Color MISSING = new Color(200, 200, 200);

    static {
        for (int i = 0; i < COLOURS.length; i++) {
            double at = i * (SAMPLES.length - 1) / (COLOURS.length - 1.0);
            int k = Math.min((int) at, SAMPLES.length - 2);
            double f = at - k;
            COLOURS[i] = new Color(mix(SAMPLES[k] >> 16, SAMPLES[k + 1] >> 16, f),
                    mix(SAMPLES[k] >> 8, SAMPLES[k + 1] >> 8, f), mix(SAMPLES[k], SAMPLES[k + 1], f));
        }
    }

    private final double lower;
    private final double upper;

    ViridisScale(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("colour scale needs lower < upper, got " + lower + ", " + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) + f * ((b & 0xff) - (a & 0xff)));
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
        return COLOURS[(int) Math.round(t * (COLOURS.length - 1))];
    }
}
