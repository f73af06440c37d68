package org.rdsim.core.fhd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that share one box's sweeps: the calling thread and threads - 1 helpers, each
 * with a lane of its own scratch, take chunks of a range (slabs, or cells) in turn until none
 * is left. Every cell's result is a function of its neighbourhood and its keyed streams alone
 * ({@link FhdTerms}), so which lane does which chunk never changes a number: a run gives the
 * same field with any thread count.
 *
 * <p>The helpers are daemons and stop after a minute without work, so a scheme that is dropped
 * leaves no threads behind.
 */
final class SlabTeam {

    /** Work on [from, to) of a range, with lane {@code lane}'s scratch. */
    @FunctionalInterface
    interface Chunk {
        void run(int lane, int from, int to);
    }

    private static final AtomicInteger TEAMS = new AtomicInteger();

    private final int threads;
    private final ThreadPoolExecutor helpers;   // null for one thread

    SlabTeam(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            helpers = null;
            return;
        }
        int team = TEAMS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        helpers = new ThreadPoolExecutor(threads - 1, threads - 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "rdsim-fhd-" + team + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        helpers.allowCoreThreadTimeOut(true);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code chunk} over [0, size) cut into at most {@code chunks} pieces of nearly equal
     * length, the pieces handed out in order to whichever lane is free; returns when all are done.
     * Only lanes below the number of pieces take part, so a caller with scratch for fewer lanes
     * than threads passes that count as {@code chunks}. An exception in any lane is rethrown here.
     */
    void run(int size, int chunks, Chunk chunk) {
        int pieces = Math.max(1, Math.min(chunks, size));
        if (helpers == null || pieces == 1) {
            chunk.run(0, 0, size);
            return;
        }
        int lanes = Math.min(threads, pieces);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>(lanes - 1);
        for (int lane = 1; lane < lanes; lane++) {
            int l = lane;
            running.add(helpers.submit(() -> take(next, pieces, size, l, chunk)));
        }
        Throwable failure = null;
        try {
            take(next, pieces, size, 0, chunk);
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(pieces);   // the helpers stop after their current piece
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : e;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void take(AtomicInteger next, int pieces, int size, int lane, Chunk chunk) {
        for (int c = next.getAndIncrement(); c < pieces; c = next.getAndIncrement()) {
            chunk.run(lane, (int) ((long) size * c / pieces), (int) ((long) size * (c + 1) / pieces));
        }
    }
}
