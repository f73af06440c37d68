package org.rdsim.spark.lattice;

import java.io.Serializable;

/** What one block owes another after a macro step: counts for the slab against the receiver's face. */
public final class Halo implements Serializable {

    private static final long serialVersionUID = 1L;

    final int face;
    final int[] counts;

    Halo(int face, int[] counts) {
        this.face = face;
        this.counts = counts;
    }
}
