package org.rdsim.core.wellmixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexedMinHeapTest {

    @Test
    void alwaysYieldsTheSmallestKeyAfterArbitraryUpdates() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 17, 256}) {
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                keys[i] = rnd.nextDouble();
            }
            IndexedMinHeap heap = new IndexedMinHeap(n);
            heap.reset(keys);
            for (int step = 0; step < 20_000; step++) {
                int item = rnd.nextInt(n);
                double k = rnd.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rnd.nextDouble();
                keys[item] = k;
                heap.update(item, k);
                int argmin = 0;
                for (int i = 1; i < n; i++) {
                    if (keys[i] < keys[argmin]) {
                        argmin = i;
                    }
                }
                assertEquals(keys[argmin], heap.minKey());
                assertEquals(keys[argmin], keys[heap.minItem()]);
            }
        }
    }
}
