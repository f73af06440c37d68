package org.rdsim.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SlicePlotTest {

    private static BufferedImage png(double[][] values, double dx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Plots.slice(values, dx, "A at t = 1, z = 0", "molecules", out);
        byte[] bytes = out.toByteArray();
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "ImageIO reads the PNG back");
        return image;
    }

    /** Distinct colours along a horizontal line through the image's middle. */
    private static int coloursAcross(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x++) {
            colours.add(image.getRGB(x, image.getHeight() / 2));
        }
        return colours.size();
    }

    @Test
    void aGradientFieldIsAHeatMapShapedLikeTheSlice() throws IOException {
        double[][] v = new double[40][60];
        for (int j = 0; j < 40; j++) {
            for (int i = 0; i < 60; i++) {
                v[j][i] = Math.sin(i / 9.0) * Math.cos(j / 7.0) * 50 + 50;
            }
        }
        BufferedImage image = png(v, 0.5);
        assertEquals(900, image.getWidth());
        assertTrue(image.getHeight() > 500 && image.getHeight() < 700, "height " + image.getHeight());
        assertTrue(coloursAcross(image) > 20, "the heat map shows many colours");
    }

    @Test
    void aConstantFieldDrawsWithoutError() throws IOException {
        for (double c : new double[] {0, 17, -2.5e-9}) {
            double[][] v = new double[8][8];
            for (double[] row : v) {
                Arrays.fill(row, c);
            }
            BufferedImage image = png(v, 1);
            assertTrue(image.getHeight() >= 300, "height " + image.getHeight());
        }
    }

    @Test
    void aSingleRowIsAStripOfReadableHeight() throws IOException {
        double[][] v = new double[1][200];
        for (int i = 0; i < 200; i++) {
            v[0][i] = i % 50;
        }
        BufferedImage image = png(v, 1e-6);
        assertEquals(900, image.getWidth());
        assertTrue(image.getHeight() >= 250 && image.getHeight() <= 400, "height " + image.getHeight());
        assertNotEquals(image.getRGB(200, image.getHeight() / 2), image.getRGB(700, image.getHeight() / 2));
        assertTrue(coloursAcross(image) > 20);
    }
}
