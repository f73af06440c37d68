package org.rdsim.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogFactorialTest {

    @Test
    void matchesTheSumOfLogarithmsAcrossTheTableBoundary() {
        double sum = 0;
        for (int k = 1; k < 5000; k++) {
            sum += Math.log(k);
            assertEquals(sum, LogFactorial.of(k), 1e-12 * Math.max(1, sum), "log(" + k + "!)");
        }
        assertEquals(0.0, LogFactorial.of(0));
    }
}
