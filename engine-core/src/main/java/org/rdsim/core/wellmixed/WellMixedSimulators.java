package org.rdsim.core.wellmixed;

import org.apache.commons.rng.UniformRandomProvider;
import org.rdsim.core.model.MethodSpec;
import org.rdsim.core.model.Model;
import org.rdsim.core.rng.KeyedStreams;

/** Builds the engine a model's method names, and the random stream of each replica. */
public final class WellMixedSimulators {

    /**
     * Networks with at least this many reactions run the next-reaction method when the method
     * is plain {@code ssa}; smaller ones run the direct method. The measured crossover on sparse
     * networks lies between 256 and 512 reactions (docs/PERFORMANCE.md, "Direct method or
     * next-reaction method").
     */
    public static final int NRM_FROM_REACTIONS = 400;

    private WellMixedSimulators() {
    }

    public static WellMixedSimulator create(Model model) {
        return create(new ReactionNetwork(model), model.method());
    }

    public static WellMixedSimulator create(ReactionNetwork net, MethodSpec method) {
        return switch (method.algorithm()) {
            case SSA -> net.reactions() >= NRM_FROM_REACTIONS ? new NextReactionMethod(net) : direct(net);
            case DIRECT -> direct(net);
            case NRM -> new NextReactionMethod(net);
            case TAU -> new TauLeaping(net, method.epsilon(), method.critical(), method.ssaSteps());
            case MIDPOINT_TAU -> new MidpointTauLeaping(net, method.epsilon(), method.critical(), method.ssaSteps());
            case CLE -> new ChemicalLangevin(net, method.dt());
            case ODE -> new RateEquations(net, method.rtol(), method.atol());
            case NSM, SPLIT_MN, EM_TAU, EM_SSA, EXMID_TAU, EXMID_SSA, IMMID_TAU, IMMID_SSA ->
                    throw new IllegalArgumentException(method.algorithm().key()
                            + " simulates spatial models; see rdme.BlockStepper and fhd.FhdRunner");
        };
    }

    /** The direct method, on a generated kernel when the network is small enough (same numbers either way). */
    static WellMixedSimulator direct(ReactionNetwork net) {
        return DirectKernelGenerator.supports(net) ? new CompiledDirectMethod(net) : new DirectMethod(net);
    }

    /** The random stream of replica r of a run with this seed: a pure function of (seed, r). */
    public static UniformRandomProvider replicaStream(long seed, long replica) {
        return KeyedStreams.stream(seed, KeyedStreams.TRAJECTORY, replica);
    }
}
