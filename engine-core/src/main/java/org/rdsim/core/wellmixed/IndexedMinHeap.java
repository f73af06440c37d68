package org.rdsim.core.wellmixed;

/**
 * A binary min-heap over items 0..n-1 keyed by a double, with the position of every item
 * known, so that changing one key costs O(log n). Used for putative firing times.
 */
public final class IndexedMinHeap {

    private final double[] key;
    private final int[] heap;
    private final int[] pos;
    private final int size;

    /** A heap over n items, all keyed +infinity until set. */
    public IndexedMinHeap(int n) {
        key = new double[n];
        heap = new int[n];
        pos = new int[n];
        size = n;
        for (int i = 0; i < n; i++) {
            key[i] = Double.POSITIVE_INFINITY;
            heap[i] = i;
            pos[i] = i;
        }
    }

    /** Sets every key at once and rebuilds the heap in O(n). */
    public void reset(double[] keys) {
        for (int i = 0; i < size; i++) {
            key[i] = keys[i];
            heap[i] = i;
            pos[i] = i;
        }
        for (int p = size / 2 - 1; p >= 0; p--) {
            siftDown(p);
        }
    }

    public int minItem() {
        return heap[0];
    }

    public double minKey() {
        return key[heap[0]];
    }

    public double key(int item) {
        return key[item];
    }

    /** Changes the key of an item and restores heap order. */
    public void update(int item, double k) {
        double old = key[item];
        key[item] = k;
        if (k < old) {
            siftUp(pos[item]);
        } else if (k > old) {
            siftDown(pos[item]);
        }
    }

    private void siftUp(int p) {
        int item = heap[p];
        double k = key[item];
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            int pi = heap[parent];
            if (key[pi] <= k) {
                break;
            }
            heap[p] = pi;
            pos[pi] = p;
            p = parent;
        }
        heap[p] = item;
        pos[item] = p;
    }

    private void siftDown(int p) {
        int item = heap[p];
        double k = key[item];
        int half = size >>> 1;
        while (p < half) {
            int child = 2 * p + 1;
            int right = child + 1;
            if (right < size && key[heap[right]] < key[heap[child]]) {
                child = right;
            }
            int ci = heap[child];
            if (k <= key[ci]) {
                break;
            }
            heap[p] = ci;
            pos[ci] = p;
            p = child;
        }
        heap[p] = item;
        pos[item] = p;
    }
}
