package org.rdsim.spark.lattice;

import org.apache.spark.Partitioner;

/**
 * Block b lives in partition b mod P. The state and the halos addressed to a block are
 * partitioned alike, so co-grouping them moves only the halos.
 */
public final class BlockPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int partitions;

    public BlockPartitioner(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key % partitions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockPartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
