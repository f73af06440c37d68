package org.rdsim.core.rdme;

import java.util.Arrays;

/**
 * The next-event times of the voxels, as a two-level priority queue: voxels are grouped into
 * pages of consecutive indices, each page keeps its earliest time, and a tournament tree over
 * the pages keeps the earliest page at its root. The earliest voxel is read in O(1); changing a
 * voxel's time touches its page and, when the page's minimum changes, one leaf-to-root path of
 * the page tree.
 *
 * <p>Why not one heap over all voxels: the voxel that has just fired sinks from the root through
 * most of the heap, and every level both mispredicts a comparison of random times and writes the
 * position of a randomly placed voxel. Here a page is rescanned in sequential memory with a
 * branch-free minimum, and the page tree, small enough for the first-level cache, is climbed
 * with one select per level. Ties go to the lowest voxel index.
 */
final class VoxelClocks {

    private final int page;
    private final int pages;
    private final int leaves;          // power of two >= pages
    private final double[] time;       // per voxel
    private final double[] pageMin;    // per page (leaves beyond the last page stay +infinity)
    private final int[] pageArg;       // per page: its earliest voxel
    private final int[] winner;        // tournament tree over pages: node -> winning page, root at 1

    VoxelClocks(int voxels, int page) {
        this.page = page;
        this.time = new double[voxels];
        this.pages = (voxels + page - 1) / page;
        int l = 1;
        while (l < pages) {
            l <<= 1;
        }
        this.leaves = l;
        this.pageMin = new double[leaves];
        this.pageArg = new int[leaves];
        Arrays.fill(pageMin, Double.POSITIVE_INFINITY);
        this.winner = new int[2 * leaves];
    }

    /** Sets a time without ordering it; {@link #rebuild} must follow before the queue is read. */
    void set(int v, double t) {
        time[v] = t;
    }

    /** Orders every time set with {@link #set}: O(voxels). */
    void rebuild() {
        for (int p = 0; p < pages; p++) {
            rescan(p);
        }
        for (int p = 0; p < leaves; p++) {
            winner[leaves + p] = p;
        }
        for (int node = leaves - 1; node >= 1; node--) {
            winner[node] = better(winner[2 * node], winner[2 * node + 1]);
        }
    }

    int minVoxel() {
        return pageArg[winner[1]];
    }

    double minTime() {
        return pageMin[winner[1]];
    }

    void update(int v, double t) {
        time[v] = t;
        int p = v / page;
        if (t < pageMin[p]) {
            pageMin[p] = t;
            pageArg[p] = v;
            climb(p);
        } else if (v == pageArg[p]) { // the page's earliest voxel got later: find the new earliest
            rescan(p);
            climb(p);
        }
    }

    /**
     * Replays page p's matches up to the root, every level: selecting the winner's index (an
     * integer select, compiled without a branch) beats stopping early, whose test mispredicts.
     */
    private void climb(int p) {
        for (int node = (leaves + p) >> 1; node >= 1; node >>= 1) {
            winner[node] = better(winner[2 * node], winner[2 * node + 1]);
        }
    }

    private int better(int a, int b) {
        return pageMin[b] < pageMin[a] ? b : a;
    }

    private void rescan(int p) {
        int from = p * page;
        int to = Math.min(from + page, time.length);
        double min = Double.POSITIVE_INFINITY;
        for (int v = from; v < to; v++) {
            min = Math.min(min, time[v]);
        }
        int arg = from;
        for (int v = from; v < to; v++) {
            if (time[v] == min) {
                arg = v;
                break;
            }
        }
        pageMin[p] = min;
        pageArg[p] = arg;
    }
}
