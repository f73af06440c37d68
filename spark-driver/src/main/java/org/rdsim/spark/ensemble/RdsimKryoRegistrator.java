package org.rdsim.spark.ensemble;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.ArrayList;
import org.apache.spark.serializer.KryoRegistrator;
import org.rdsim.core.model.Model;
import org.rdsim.core.observe.DyadicHistogram;
import org.rdsim.core.observe.EnsembleStatistics;
import org.rdsim.core.rdme.BlockState;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.partitioning.AlignedReduction;
import org.rdsim.partitioning.ReplicaChunks;
import org.rdsim.spark.lattice.BlockPartitioner;
import org.rdsim.spark.lattice.FhdJob;
import org.rdsim.spark.lattice.Halo;

/** Registers the classes that travel between executors and driver (registration is required). */
public final class RdsimKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(EnsembleStatistics.class);
        kryo.register(DyadicHistogram.class);
        kryo.register(DyadicHistogram[].class);
        kryo.register(AlignedReduction.class);
        kryo.register(AlignedReduction.Block.class);
        // Kryo 4 (Spark's) cannot field-serialize records; these are tiny and sent once per task.
        kryo.register(ReplicaChunks.class, new JavaSerializer());
        kryo.register(ReplicaChunks.Range.class, new JavaSerializer());
        kryo.register(Model.class, new JavaSerializer()); // broadcast once per lattice run
        kryo.register(ArrayList.class);
        kryo.register(BlockState.class);
        kryo.register(LatticeEvents.class);
        kryo.register(Halo.class);
        // FHD blocks: Java serialization of the records, whose payload is one double[] each
        kryo.register(FhdJob.State.class, new JavaSerializer());
        kryo.register(FhdJob.Cells.class, new JavaSerializer());
        kryo.register(FhdJob.Totals.class, new JavaSerializer());
        kryo.register(org.rdsim.spark.output.Checkpoints.BlockFile.class, new JavaSerializer());
        kryo.register(BlockPartitioner.class); // written with each lattice checkpoint
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(int[].class);
    }
}
