package org.rdsim.core.wellmixed;

/** Receives the state at each output time; the array is reused, so copy what you keep. */
@FunctionalInterface
public interface StateRecorder {
    void record(int index, double time, double[] state);
}
