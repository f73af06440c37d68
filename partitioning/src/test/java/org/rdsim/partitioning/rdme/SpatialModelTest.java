package org.rdsim.partitioning.rdme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rdsim.core.model.Algorithm;
import org.rdsim.core.model.FaceBoundary;
import org.rdsim.core.model.Model;
import org.rdsim.core.model.ModelException;
import org.rdsim.core.rdme.LatticeEvents;
import org.rdsim.core.testing.Ensembles;
import org.rdsim.partitioning.BlockRunner;

/** The domain part of the model language, and determinism of spatial runs. */
class SpatialModelTest {

    static final String BASE = """
            name: abc
            domain:
              cells: [16, 8]
              dx: 0.5
              A: 2.0
              boundary: {default: reflecting, x-: {reservoir: {A: 2.0}}, x+: absorbing}
            species:
              A: {D: 1.0, initial: {uniform: 10.0}}
              B: {D: 0.5, initial: {sphere-tanh: {radius: 2, width: 0.5, inside: 4, outside: 1}}}
              C: {D: 0, initial: {point: {at: [1.0, 1.0], count: 7}}}
            reactions:
              - "bind: A + B -> C @ 1.0"
              - "unbind: C -> A + B @ 0.5"
            time: {end: 1.0, output: 0.25}
            seed: 1
            """;

    @Test
    void readsTheDomainAndItsFields() {
        Model m = Ensembles.model(BASE);
        assertTrue(m.spatial());
        assertEquals(Algorithm.NSM, m.method().algorithm());
        assertEquals(2.0 * 0.25, m.volume(), 1e-15); // voxel volume A dx^2
        assertEquals(FaceBoundary.Kind.RESERVOIR, m.domain().boundary(0, false).kind());
        assertEquals(2.0, m.domain().boundary(0, false).concentration()[0]);
        assertEquals(FaceBoundary.Kind.ABSORBING, m.domain().boundary(0, true).kind());
        assertEquals(FaceBoundary.Kind.REFLECTING, m.domain().boundary(1, true).kind());
        assertEquals(10.0 * 0.5 * 128, m.initialState()[0], 1e-9);
        assertEquals(7.0, m.initialState()[2]);
        // per-voxel propensity of A + B -> C is k A B / V_voxel
        assertEquals(1.0 / 0.5, m.reactions().get(0).stochasticConstant(m.volume()), 1e-12);
    }

    /** Each class of mistake in a domain gets its own message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            volume with a domain     | a model with a domain has no volume      | name: abc => name: abc\\nvolume: 1.0
            zero cells               | an axis has 0 voxels                     | cells: [16, 8] => cells: [16, 0]
            four axes                | a domain has 1, 2 or 3 axes              | cells: [16, 8] => cells: [4, 4, 4, 4]
            negative dx              | dx must be positive                      | dx: 0.5 => dx: -1
            unknown boundary kind    | unknown boundary kind 'sticky'           | x+: absorbing => x+: sticky
            unpaired periodic        | periodic faces come in pairs             | x+: absorbing => x+: periodic
            missing face             | no boundary for face y-                  | default: reflecting, => y+: reflecting,
            z face in 2-D            | unknown key 'z-'                         | x+: absorbing} => x+: absorbing, z-: periodic}
            reservoir of nothing     | unknown species 'Q' in a reservoir       | {reservoir: {A: 2.0}} => {reservoir: {Q: 2.0}}
            scalar reservoir         | a reservoir needs its concentrations     | x+: absorbing => x+: reservoir
            missing D                | missing required key 'D'                 | A: {D: 1.0, initial => A: {initial
            plain-number initial     | a spatial initial condition is a density field | {uniform: 10.0} => 10.0
            two initial fields       | more than one initial field              | {uniform: 10.0} => {uniform: 10.0, point: {at: [1, 1], count: 3}}
            point outside            | lies outside the domain                  | at: [1.0, 1.0] => at: [1.0, 9.0]
            point with sampling      | a point source places its count exactly  | count: 7}} => count: 7}, sampling: round}
            unknown sampling         | unknown sampling 'lucky'                 | {uniform: 10.0} => {uniform: 10.0, sampling: lucky}
            well-mixed method        | is a well-mixed method                   | seed: 1 => seed: 1\\nmethod: ssa
            macro step not dividing  | is not a whole number of macro steps     | seed: 1 => seed: 1\\nmethod: {algorithm: nsm, macroStep: 0.1}
            unstable split dt        | 2 d D dt / dx^2 = 1.6 for A (D 1) exceeds 1; the largest stable dt is 0.0625 | seed: 1 => seed: 1\\nmethod: {algorithm: split-mn, dt: 0.1}
            split without dt         | the split-mn method needs a time step    | seed: 1 => seed: 1\\nmethod: {algorithm: split-mn}
            block of two axes in 1-D | block has 3 axes and the domain 2        | seed: 1 => seed: 1\\nmethod: {algorithm: nsm, block: [4, 4, 4]}
            zero block side          | a block side must be at least 1 voxel    | seed: 1 => seed: 1\\nmethod: {algorithm: nsm, block: [4, 0]}
            dt for nsm               | unknown key 'dt'                         | seed: 1 => seed: 1\\nmethod: {algorithm: nsm, dt: 0.1}
            """)
    void domainMistakesAreNamed(String what, String phrase, String edit) {
        String[] parts = edit.split(" => ");
        String yaml = BASE.replace(parts[0], parts[1].replace("\\n", "\n"));
        assertFalse(yaml.equals(BASE), "edit did not apply: " + what);
        ModelException e = assertThrows(ModelException.class, () -> Ensembles.model(yaml));
        assertTrue(e.getMessage().contains(phrase), what + ": " + e.getMessage());
        assertTrue(e.line() > 0, what + ": the message names a line: " + e.getMessage());
    }

    @Test
    void nsmRefusesAWellMixedModel() {
        ModelException e = assertThrows(ModelException.class, () -> Ensembles.model(
                "name: wm\nvolume: 1\nspecies: {X: 1}\nreactions: []\ntime: {end: 1}\nmethod: nsm\n"));
        assertTrue(e.getMessage().contains("is a spatial method and this model has no domain"), e.getMessage());
    }

    @Test
    void aSpatialRunIsAPureFunctionOfModelSeedAndReplica() {
        Model m = Ensembles.model(BASE, "method={algorithm: nsm, macroStep: 0.125}");
        BlockRunner runner = new BlockRunner(m);
        List<Long> first = trace(runner, 3);
        assertEquals(first, trace(new BlockRunner(m), 3));
        assertFalse(first.equals(trace(runner, 4)), "replicas differ");
        assertFalse(first.equals(trace(new BlockRunner(m.withSeed(2)), 3)), "seeds differ");
    }

    private static List<Long> trace(BlockRunner runner, long replica) {
        List<Long> out = new ArrayList<>();
        LatticeEvents nsm = runner.run(replica, (k, t, counts, totals) -> {
            for (long v : totals) {
                out.add(v);
            }
            long hash = 0;
            for (int c : counts) {
                hash = hash * 31 + c;
            }
            out.add(hash);
        });
        for (long f : nsm.firings()) {
            out.add(f);
        }
        return out;
    }
}
