package org.rdsim.core.wellmixed;

/**
 * A 4-ary min-heap over items 0..n-1 keyed by a double, with the position of every item known,
 * so that changing one key costs O(log n): the next-reaction method's putative times. Keys are
 * stored in heap order, so the four children of a node share a cache line, and the heap is half
 * as deep as a binary one. (The layout was chosen when the heap held the NSM's voxel clocks,
 * where it beat a binary heap; {@code rdme.VoxelClocks} has since replaced both there, and for
 * the NRM, used from 400 reactions, the two layouts have not been compared.)
 */
public final class IndexedMinHeap {

    private final double[] keyAt;  // key of the item at heap position p
    private final int[] itemAt;    // item at heap position p
    private final int[] pos;       // heap position of item i
    private final int size;

    /** A heap over n items, all keyed +infinity until set. */
    public IndexedMinHeap(int n) {
        keyAt = new double[n];
        itemAt = new int[n];
        pos = new int[n];
        size = n;
        for (int i = 0; i < n; i++) {
            keyAt[i] = Double.POSITIVE_INFINITY;
            itemAt[i] = i;
            pos[i] = i;
        }
    }

    /** Sets every key at once (keys[i] for item i) and rebuilds the heap in O(n). */
    public void reset(double[] keys) {
        for (int i = 0; i < size; i++) {
            keyAt[i] = keys[i];
            itemAt[i] = i;
            pos[i] = i;
        }
        for (int p = (size - 2) / 4; p >= 0; p--) {
            siftDown(p, itemAt[p], keyAt[p]);
        }
    }

    public int minItem() {
        return itemAt[0];
    }

    public double minKey() {
        return keyAt[0];
    }

    /** Changes the key of an item and restores heap order. */
    public void update(int item, double k) {
        int p = pos[item];
        if (k < keyAt[p]) {
            siftUp(p, item, k);
        } else {
            siftDown(p, item, k);
        }
    }

    private void siftUp(int p, int item, double k) {
        while (p > 0) {
            int parent = (p - 1) >>> 2;
            double pk = keyAt[parent];
            if (pk <= k) {
                break;
            }
            keyAt[p] = pk;
            int pi = itemAt[parent];
            itemAt[p] = pi;
            pos[pi] = p;
            p = parent;
        }
        keyAt[p] = k;
        itemAt[p] = item;
        pos[item] = p;
    }

    private void siftDown(int p, int item, double k) {
        while (true) {
            int first = 4 * p + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            double ck = keyAt[first];
            int last = Math.min(first + 4, size);
            for (int c = first + 1; c < last; c++) {
                if (keyAt[c] < ck) {
                    ck = keyAt[c];
                    child = c;
                }
            }
            if (k <= ck) {
                break;
            }
            keyAt[p] = ck;
            int ci = itemAt[child];
            itemAt[p] = ci;
            pos[ci] = p;
            p = child;
        }
        keyAt[p] = k;
        itemAt[p] = item;
        pos[item] = p;
    }
}
