package org.rdsim.core.rdme;

import java.util.Arrays;

/**
 * The next-event times of the voxels within one macro step [t0, t1), as a calendar queue (Brown,
 * Commun. ACM 31, 1220, 1988): time is cut into buckets of a width near the mean time between
 * events, the buckets are laid out on a circular "year", and each bucket holds an unordered list
 * of the voxels whose next event falls in it. Changing a voxel's time unlinks it from one short
 * list and pushes it onto another. When the queue reaches a bucket, its clocks are taken off the
 * list and sorted once; the events of the bucket then come off the front of that short run.
 * With the width set from the total rate (a couple of events per bucket) and at least as many
 * buckets as voxels, every operation is O(1) on average while the rate stays near the one the
 * width was set for; the caller reports the rate now and then ({@link #observe}) and the buckets follow its drift; a whole
 * year of empty buckets (the rate fell steeply within a check interval) re-sizes it here.
 *
 * <p>Why not a heap or tournament tree: the voxel that has just fired always gets a later time,
 * and a tree replays a leaf-to-root path (11 levels on a 32^3 block) of dependent loads for it;
 * a calendar touches one or two list cells. Voxels whose next event is at or after t1 are not
 * queued at all: nothing orders them within this macro step.
 *
 * <p>Public for the generated kernels ({@link NsmKernelGenerator}), which live in their own class
 * loader. The order is exact and independent of the width: the earliest time wins, ties go to the
 * lowest voxel index, as they would in a sorted list. The width only changes the speed.
 */
public final class VoxelClocks {

    private static final int NONE = -1;
    /**
     * Mean events per bucket: with fewer, the scan crosses empty buckets; with more, it compares
     * more times. Measured on N1 (32^3): 2-2.5 beat 1 by a few per cent; wider was no better.
     */
    private static final double EVENTS_PER_BUCKET = 2;
    /** Re-size when the total rate has drifted by this factor. */
    static final double DRIFT = 2;

    private final double[] time;       // per voxel; +infinity when not queued
    private final int[] next;          // per voxel: the next voxel in its bucket, NONE at the end
    private final int[] head;          // per bucket: its first voxel, NONE when empty
    private final int mask;            // buckets - 1 (a power of two)

    private double origin;             // start of bucket 0
    private double end;                // t1: times at or after it are not queued
    private double perWidth;           // 1 / bucket width
    private double sizedFor;           // the total rate the width was set for
    private long current;              // the bucket being drained, counted from origin
    private int queued;
    /** Buckets stepped over, for tests of the scan's cost. */
    long scanned;

    // The current bucket's clocks of this year, once it has been reached: taken off its list and
    // kept sorted by (time, voxel) in drain[drainStart, drainEnd), so that each is read from the
    // scattered clock array once, not again after every event in the bucket. A clock that
    // arrives in the current bucket meanwhile (rare: a bucket is two mean event gaps wide) is
    // inserted in order.
    private int[] drain = new int[16];
    private int drainStart;
    private int drainEnd;
    private boolean drained;

    public VoxelClocks(int voxels) {
        int buckets = Integer.highestOneBit(Math.max(1, Math.min(voxels, 1 << 30) - 1)) << 1;
        this.time = new double[voxels];
        this.next = new int[voxels];
        this.head = new int[buckets];
        this.mask = buckets - 1;
        Arrays.fill(time, Double.POSITIVE_INFINITY);
    }

    /** Sets a time without queueing it; {@link #start} must follow before the queue is read. */
    public void set(int v, double t) {
        time[v] = t;
    }

    /**
     * Queues every time set with {@link #set} that falls before t1, in buckets sized for a total
     * event rate totalRate: O(voxels).
     */
    public void start(double t0, double t1, double totalRate) {
        end = t1;
        rebucket(t0, totalRate);
    }

    /**
     * Takes note of the current total rate, and re-sizes the buckets when it has drifted by more
     * than {@link #DRIFT} from the rate they were sized for (the order is unchanged; only the
     * cost of finding the earliest voxel depends on the width). now is the latest event time.
     */
    public void observe(double now, double totalRate) {
        if (totalRate > DRIFT * sizedFor || totalRate < sizedFor / DRIFT) {
            rebucket(now, totalRate);
        }
    }

    private void rebucket(double from, double totalRate) {
        origin = from;
        sizedFor = totalRate;
        // Never so narrow that a bucket index overflows.
        double width = Math.max(EVENTS_PER_BUCKET / Math.max(totalRate, Double.MIN_NORMAL), (end - from) * 0x1p-60);
        perWidth = 1 / width;
        current = 0;
        queued = 0;
        drainStart = 0;
        drainEnd = 0;
        drained = false;
        Arrays.fill(head, NONE);
        for (int v = 0; v < time.length; v++) {
            if (time[v] < end) {
                push(v);
            } else {
                time[v] = Double.POSITIVE_INFINITY;
            }
        }
    }

    /** The earliest queued voxel, or -1 when no voxel has an event before t1. */
    public int minVoxel() {
        if (drainStart < drainEnd) {
            return drain[drainStart];
        }
        if (queued == 0) {
            return NONE;
        }
        int empty = 0;
        while (true) {
            if (!drained) {
                drainCurrent();
                if (drainStart < drainEnd) {
                    return drain[drainStart];
                }
            }
            current++;
            drained = false;
            scanned++;
            if (++empty > mask) {
                // A whole year without a clock: the rate has fallen far below the one the
                // width was set for. Re-size the buckets to the clocks that are left (Brown's
                // remedy) instead of walking through empty years.
                resizeToQueued();
                empty = 0;
            }
        }
    }

    /** Moves the current bucket's clocks of this year (other years share the bucket) into the sorted drain. */
    private void drainCurrent() {
        drained = true;
        drainStart = 0;
        drainEnd = 0;
        int b = (int) current & mask;
        int prev = NONE;
        for (int v = head[b]; v != NONE; ) {
            int following = next[v];
            if (bucket(time[v]) == current) {
                if (prev == NONE) {
                    head[b] = following;
                } else {
                    next[prev] = following;
                }
                insertDrained(v);
            } else {
                prev = v;
            }
            v = following;
        }
    }

    /** Inserts voxel v into the drain in (time, voxel) order. */
    private void insertDrained(int v) {
        if (drainEnd == drain.length) {
            if (drainStart > 0) {
                System.arraycopy(drain, drainStart, drain, 0, drainEnd - drainStart);
                drainEnd -= drainStart;
                drainStart = 0;
            } else {
                drain = Arrays.copyOf(drain, 2 * drain.length);
            }
        }
        double t = time[v];
        int i = drainEnd++;
        while (i > drainStart && later(drain[i - 1], t, v)) {
            drain[i] = drain[i - 1];
            i--;
        }
        drain[i] = v;
    }

    /** True when voxel u's clock comes after (t, v). */
    private boolean later(int u, double t, int v) {
        return time[u] > t || (time[u] == t && u > v);
    }

    /** Takes voxel v out of the drain. */
    private void removeDrained(int v) {
        int i = drainStart;
        while (drain[i] != v) {
            i++;
        }
        if (i == drainStart) {
            drainStart++;
        } else {
            System.arraycopy(drain, i + 1, drain, i, drainEnd - i - 1);
            drainEnd--;
        }
    }

    /** Buckets sized so that the queued clocks spread over about one year, from the earliest of them. */
    private void resizeToQueued() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (double t : time) {
            if (t < end) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        double span = last > first ? last - first : end - first;
        rebucket(first, EVENTS_PER_BUCKET * queued / span);
    }

    public double time(int v) {
        return time[v];
    }

    /** Gives voxel v the time t (not before the latest event); +infinity or t >= t1 unqueues it. */
    public void update(int v, double t) {
        if (t < end && bucket(t) < current) { // refused before the queue is touched, so it stays usable
            throw new IllegalArgumentException("clock " + t + " of voxel " + v + " is before the earliest one");
        }
        double old = time[v];
        if (old < end) {
            if (drained && bucket(old) == current) {
                removeDrained(v);
                queued--;
            } else {
                unlink(v);
            }
        }
        time[v] = t;
        if (t < end) {
            long b = bucket(t);
            if (drained && b == current) {
                insertDrained(v);
                queued++;
            } else {
                pushAt(v, b);
            }
        } else {
            time[v] = Double.POSITIVE_INFINITY;
        }
    }

    private long bucket(double t) {
        return (long) ((t - origin) * perWidth);
    }

    private void push(int v) {
        pushAt(v, bucket(time[v]));
    }

    private void pushAt(int v, long bucket) {
        int b = (int) bucket & mask;
        next[v] = head[b];
        head[b] = v;
        queued++;
    }

    private void unlink(int v) {
        int b = (int) bucket(time[v]) & mask;
        int u = head[b];
        if (u == v) {
            head[b] = next[v];
        } else {
            while (next[u] != v) {
                u = next[u];
            }
            next[u] = next[v];
        }
        queued--;
    }
}
