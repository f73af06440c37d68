package org.rdsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.rdsim.spark.CliTest.MODELS;
import static org.rdsim.spark.CliTest.concat;
import static org.rdsim.spark.CliTest.rdsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdsim.spark.CliTest.Outcome;
import org.rdsim.spark.cli.Rdsim;

/**
 * Bad input and bad conditions, fuzz style: malformed model files generated from the examples
 * (truncated at many byte offsets, wrong types, zero, negative and huge grids, unknown boundary
 * kinds, a reservoir without a concentration, bad dx, D, dt, checkpoint and block settings) and
 * bad command lines (--block, --replica, --partitions, --master, --macro-step, --threads, --set, --out,
 * --restart, --replicas). Each must end with exit code 2 and exactly one line on stderr that
 * names the file and line, or the option, with no exception class or stack trace; nothing the
 * case did not create may be written, and the result directories made before the cases (a
 * lattice run and an FHD run with checkpoints, a well-mixed run) keep every byte.
 */
class BadInputFuzzTest {

    @TempDir
    static Path tmp;

    /** Result directories written before the cases, compared byte for byte after each. */
    static Path results;
    static Path lattice;
    static Path fhd;
    static Path wellMixed;
    static Path empty;
    static Path regularFile;

    static final Path ABC = MODELS.resolve("abc-3d.yaml");
    static final Path MORPH = MODELS.resolve("morphogen-gradient-1d.yaml");
    static final Path SCHLOGL = MODELS.resolve("schlogl-equilibrium-64.yaml");
    static final Path FRONT = MODELS.resolve("front-3d-64.yaml");
    static final Path BD = MODELS.resolve("birth-death.yaml");

    /** FHD command lines run for 2 steps at most, should a case be accepted by mistake. */
    static final Object[] SHORT_FHD = {"--no-progress", "--set", "time={end: 2.0, output: 1.0}", "--set",
        "output={fields: {every: 1.0, format: [npy]}}"};

    /** The morphogen line cut to two macro steps, a checkpoint after each. */
    static final Object[] LATTICE_RUN = {"--no-progress", "--set", "time.end=4 s", "--set", "checkpoint={every: 1}"};
    /** The Schlogl line cut to 20 steps, checkpoints every 5. */
    static final Object[] FHD_RUN = {"--no-progress", "--set", "time={end: 20.0, output: 10.0}", "--set",
        "output={fields: {every: 10.0, format: [npy]}}", "--set", "checkpoint={every: 5}"};

    /** Placeholders in a case's command line, resolved when it runs. */
    enum Slot { MODEL, OUT, LATTICE, FHD, WELL_MIXED, EMPTY, FILE }

    /** Where a case's files go: the model it wrote (if any) and a fresh output directory. */
    record Env(Path model, Path out) {
    }

    /**
     * One bad input. {@code where} is what the line must start with after "rdsim: error: " when
     * {@code atStart}, else contain: the file:line of the offending key, or the option.
     */
    record Case(String name, byte[] modelBytes, Object[] argv, Function<Env, String> where, boolean atStart,
            String phrase) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void writeResults() throws IOException {
        results = Files.createDirectories(tmp.resolve("results"));
        lattice = results.resolve("lattice");
        fhd = results.resolve("fhd");
        wellMixed = results.resolve("well-mixed");
        empty = Files.createDirectories(results.resolve("empty"));
        regularFile = Files.writeString(results.resolve("a-file"), "not a directory\n");
        ok(concat(new Object[] {"run", MORPH, "--out", lattice}, LATTICE_RUN));
        ok(concat(new Object[] {"run", SCHLOGL, "--out", fhd}, FHD_RUN));
        ok("run", BD, "--out", wellMixed, "--no-progress");
        assertTrue(Files.isDirectory(lattice.resolve("checkpoints")) && Files.isDirectory(fhd.resolve("checkpoints")));
    }

    private static void ok(Object... argv) {
        Outcome o = rdsim(argv);
        assertEquals(0, o.code(), Arrays.toString(argv) + ": " + o.err());
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        truncations(cases, ABC, 8);
        truncations(cases, SCHLOGL, 4);
        truncations(cases, MORPH, 3);
        cases.add(file("empty-file", new byte[0], "is empty"));
        cases.add(file("binary-junk", junk(), "is not UTF-8 text"));
        cases.add(file("yaml-list-not-mapping", "- name: x\n- seed: 1\n".getBytes(StandardCharsets.UTF_8), "mapping"));
        cases.add(file("yaml-scalar", "just a sentence\n".getBytes(StandardCharsets.UTF_8), "mapping"));

        // wrong scalar types
        cases.add(mutation("cells-not-int", ABC, "cells: [32, 32, 32]", "cells: [32, 32, x]", "cells"));
        cases.add(mutation("cells-scalar", ABC, "cells: [32, 32, 32]", "cells: big", "cells"));
        cases.add(mutation("dx-word", ABC, "dx: 1.0", "dx: one", "dx"));
        cases.add(mutation("depth-list", ABC, "  A: 1.0", "  A: [1.0]", "A"));
        cases.add(mutation("boundary-number", ABC, "boundary: periodic", "boundary: 7", "boundary"));
        cases.add(mutation("D-word", ABC, "A: {D: 1.0,", "A: {D: fast,", "D"));
        cases.add(mutation("uniform-word", ABC, "A: {D: 1.0, initial: {uniform: 10.0}}",
                "A: {D: 1.0, initial: {uniform: lots}}", "uniform"));
        cases.add(mutation("macro-step-word", ABC, "macroStep: 0.05", "macroStep: soon", "macroStep"));
        cases.add(mutation("block-word", ABC, "block: [16, 16, 16]", "block: [16, x, 16]", "block"));
        cases.add(mutation("time-end-word", ABC, "end: 1.0", "end: late", "end"));
        cases.add(mutation("seed-fraction", ABC, "seed: 1", "seed: 1.5", "seed"));
        cases.add(mutation("fields-every-list", ABC, "every: 0.5", "every: []", "every"));
        cases.add(mutation("fields-format-unknown", ABC, "format: [vti, npy, png]", "format: [gif]", "gif"));
        cases.add(mutation("radius-word", ABC, "radius: 6", "radius: big", "radius"));
        cases.add(mutation("region-kind-unknown", ABC, "kind: compartment", "kind: membrane", "membrane"));
        cases.add(mutation("name-list", SCHLOGL, "name: schlogl-equilibrium-64", "name: [a, b]", "name"));

        // zero, negative, fractional, huge grids and wrong axis counts
        cases.add(mutation("cells-zero", MORPH, "cells: [50]", "cells: [0]", "cells"));
        cases.add(mutation("cells-negative", MORPH, "cells: [50]", "cells: [-4]", "cells"));
        cases.add(mutation("cells-huge-lattice", ABC, "cells: [32, 32, 32]", "cells: [100000, 100000, 100000]",
                "cells"));
        cases.add(mutation("cells-empty", ABC, "cells: [32, 32, 32]", "cells: []", "cells"));
        cases.add(mutation("cells-four-axes", ABC, "cells: [32, 32, 32]", "cells: [2, 2, 2, 2]", "cells"));
        cases.add(mutation("cells-fraction-fhd", SCHLOGL, "cells: [64]", "cells: [1.5]", "cells"));
        cases.add(mutation("cells-huge-fhd", SCHLOGL, "cells: [64]", "cells: [100000, 100000, 100000]", "cells"));

        // boundaries and reservoirs
        cases.add(mutation("boundary-unknown-kind", ABC, "boundary: periodic", "boundary: sticky", "sticky"));
        cases.add(mutation("face-unknown-kind", MORPH, "x+: reflecting", "x+: sticky", "sticky"));
        cases.add(mutation("face-unknown-name", MORPH, "x+: reflecting", "q+: reflecting", "q+"));
        cases.add(mutation("face-periodic-unpaired", MORPH, "x+: reflecting", "x+: periodic", "periodic"));
        cases.add(mutation("reservoir-empty", MORPH, "{reservoir: {M: 100 nM}}", "{reservoir: {}}", "reservoir"));
        cases.add(mutation("reservoir-null-concentration", MORPH, "{reservoir: {M: 100 nM}}", "{reservoir: {M: }}",
                "M"));
        cases.add(mutation("reservoir-bare-word", MORPH, "x-: {reservoir: {M: 100 nM}}", "x-: reservoir",
                "reservoir"));
        cases.add(mutation("reservoir-unknown-species", MORPH, "{reservoir: {M: 100 nM}}", "{reservoir: {Q: 100 nM}}",
                "Q"));
        cases.add(mutation("reservoir-scalar", MORPH, "{reservoir: {M: 100 nM}}", "{reservoir: 5}", "reservoir"));
        cases.add(mutation("reservoir-negative", MORPH, "{reservoir: {M: 100 nM}}", "{reservoir: {M: -5 nM}}", "M"));

        // dx, D
        cases.add(mutation("dx-zero", MORPH, "dx: 1 um", "dx: 0 um", "dx"));
        cases.add(mutation("dx-negative", MORPH, "dx: 1 um", "dx: -1 um", "dx"));
        cases.add(mutation("dx-wrong-dimension", MORPH, "dx: 1 um", "dx: 1 s", "dx"));
        cases.add(mutation("dx-zero-fhd", SCHLOGL, "dx: 1.0", "dx: 0", "dx"));
        cases.add(mutation("D-negative", SCHLOGL, "D: 1.0", "D: -1.0", "D"));
        cases.add(mutation("D-unknown-compartment", ABC, "nucleus: 0.1}", "mars: 0.1}", "mars"));
        cases.add(mutation("initial-density-huge-lattice", ABC, "A: {D: 1.0, initial: {uniform: 10.0}}",
                "A: {D: 1.0, initial: {uniform: 1e300}}", "in one voxel"));
        cases.add(mutation("initial-density-huge-fhd", SCHLOGL, "uniform: 1.0", "uniform: 1e12", "in one voxel"));
        cases.add(mutation("D-wrong-dimension", MORPH, "D: 10 um^2/s", "D: 10 um/s", "D"));

        // FHD time step and scheme options
        cases.add(mutation("dt-zero", SCHLOGL, "dt: 1.0", "dt: 0", "dt"));
        cases.add(mutation("dt-negative", SCHLOGL, "dt: 1.0", "dt: -1.0", "dt"));
        cases.add(mutation("dt-not-dividing-output", SCHLOGL, "dt: 1.0", "dt: 0.3", "dt"));
        cases.add(mutation("dt-missing", SCHLOGL, "{algorithm: ImMidTau, dt: 1.0}", "{algorithm: ImMidTau}", "dt"));
        cases.add(mutation("dt-word", SCHLOGL, "dt: 1.0", "dt: fast", "dt"));
        cases.add(mutation("average-unknown", SCHLOGL, "dt: 1.0}", "dt: 1.0, average: bogus}", "bogus"));
        cases.add(mutation("dt-tiny", SCHLOGL, "dt: 1.0", "dt: 1e-300", "steps up to the end time"));
        cases.add(mutation("algorithm-unknown", FRONT, "algorithm: ImMidTau", "algorithm: ImMidWhatever",
                "ImMidWhatever"));

        // checkpoints
        cases.add(appended("checkpoint-every-zero", SCHLOGL, "checkpoint: {every: 0}", "every"));
        cases.add(appended("checkpoint-every-word", SCHLOGL, "checkpoint: {every: often}", "every"));
        cases.add(appended("checkpoint-keep-zero", SCHLOGL, "checkpoint: {every: 5, keep: 0}", "keep"));
        cases.add(appended("checkpoint-unknown-key", SCHLOGL, "checkpoint: {every: 5, later: 1}", "later"));
        cases.add(appended("checkpoint-scalar", MORPH, "checkpoint: 5", "checkpoint"));

        // blocks in the model file
        cases.add(mutation("block-zero", ABC, "block: [16, 16, 16]", "block: [0, 16, 16]", "block"));
        cases.add(mutation("block-two-axes", ABC, "block: [16, 16, 16]", "block: [16, 16]", "block"));

        // YAML oddities
        cases.add(appended("duplicate-key", BD, "seed: 2", "seed"));
        cases.add(mutation("tab-indent", MORPH, "  cells: [50]", "\tcells: [50]", "YAML"));

        // command lines
        cases.add(cli("block-option-zero", "--block 0: ", "at least 1 voxel", "run", ABC, "--block", "0", "--out",
                Slot.OUT));
        cases.add(cli("block-option-negative", "--block -4,16,16: ", "at least 1 voxel", "run", ABC, "--block",
                "-4,16,16", "--out", Slot.OUT));
        cases.add(cli("block-option-word", "'--block'", "'x' is not an int", "run", ABC, "--block", "x", "--out",
                Slot.OUT));
        cases.add(cli("block-option-two-axes-3d-lattice", "--block 16,16: ", "block has 2 axes and the domain 3", "run",
                ABC, "--block", "16,16", "--out", Slot.OUT));
        cases.add(cli("block-option-one-axis-3d-lattice", "--block 16: ", "block has 1 axes and the domain 3", "run",
                ABC, "--block", "16", "--out", Slot.OUT));
        cases.add(cli("block-option-four-axes", "--block 8,8,8,8: ", "1 to 3 axes", "run", ABC, "--block", "8,8,8,8",
                "--out", Slot.OUT));
        cases.add(cli("block-option-two-axes-1d-fhd", "--block", "2 sides for a 1-D domain", concat(
                new Object[] {"run", SCHLOGL, "--block", "16,16", "--out", Slot.OUT}, SHORT_FHD)));
        cases.add(cli("block-option-zero-fhd", "--block", "at least one cell", concat(
                new Object[] {"run", SCHLOGL, "--block", "0", "--out", Slot.OUT}, SHORT_FHD)));
        cases.add(cli("block-option-ghost-wider-than-grid", "--block", "wider than the 64 cells of axis x", concat(
                new Object[] {"run", SCHLOGL, "--block", "16", "--set", "species.X.D=1e6", "--out", Slot.OUT},
                SHORT_FHD)));
        cases.add(cli("block-option-ghost-overflows", "--block", "wider than", concat(
                new Object[] {"run", SCHLOGL, "--block", "16", "--set", "species.X.D=1e20", "--out", Slot.OUT},
                SHORT_FHD)));
        cases.add(cli("block-option-well-mixed", "--block", "spatial", "run", BD, "--block", "4", "--out", Slot.OUT));
        cases.add(cli("replica-negative", "--replica", "0 or more", "run", BD, "--replica", "-1", "--out", Slot.OUT));
        cases.add(cli("replica-word", "--replica", "abc", "run", BD, "--replica", "abc", "--out", Slot.OUT));
        cases.add(cli("replica-float", "--replica", "1e3", "run", BD, "--replica", "1e3", "--out", Slot.OUT));
        cases.add(cli("partitions-zero", "--partitions", "at least 1", "run", ABC, "--partitions", "0", "--out",
                Slot.OUT));
        cases.add(cli("partitions-word", "--partitions", "x", "run", ABC, "--partitions", "x", "--out", Slot.OUT));
        cases.add(cli("master-zero-threads", "--master", "not a Spark master URL", "run", ABC, "--master",
                "local[0]", "--out", Slot.OUT));
        cases.add(cli("master-bogus-scheme", "--master", "not a Spark master URL", "run", ABC, "--master",
                "bogus://x", "--out", Slot.OUT));
        cases.add(cli("master-empty", "--master", "not a Spark master URL", "run", ABC, "--master", "", "--out",
                Slot.OUT));
        cases.add(cli("macro-step-fhd", "--macro-step", "applies to nsm", "run", FRONT, "--macro-step", "1.0",
                "--out", Slot.OUT));
        cases.add(cli("macro-step-zero", "--macro-step 0.0: ", "must be positive", "run", MORPH, "--macro-step", "0",
                "--out", Slot.OUT));
        cases.add(cli("macro-step-negative", "--macro-step -1.0: ", "must be positive", "run", MORPH, "--macro-step",
                "-1", "--out", Slot.OUT));
        cases.add(cli("macro-step-nan", "--macro-step NaN: ", "cannot read \"NaN\"", "run", MORPH, "--macro-step",
                "NaN", "--out", Slot.OUT));
        cases.add(cli("macro-step-not-dividing", "--macro-step 0.7: ", "not a whole number of macro steps", "run",
                MORPH, "--macro-step", "0.7", "--out", Slot.OUT));
        cases.add(cli("macro-step-tiny", "--macro-step 1.0E-300: ", "macro steps up to the end time", "run", MORPH,
                "--macro-step", "1e-300", "--out", Slot.OUT));
        cases.add(cli("macro-step-with-bad-block", "--block 0 with --macro-step 0.05: ", "at least 1 voxel", "run",
                MORPH, "--block", "0", "--macro-step", "0.05", "--out", Slot.OUT));
        cases.add(cli("macro-step-split-mn", "--macro-step", "split-mn", "run", ABC, "--set",
                "method={algorithm: split-mn, dt: 0.01}", "--macro-step", "0.05", "--out", Slot.OUT));
        cases.add(cli("force-lattice", "--force", "FHD", "run", ABC, "--force", "--out", Slot.OUT));
        cases.add(cli("threads-zero", "--threads", "1 or more", "run", FRONT, "--threads", "0", "--out", Slot.OUT));
        cases.add(cli("threads-word", "--threads", "two", "run", FRONT, "--threads", "two", "--out", Slot.OUT));
        cases.add(cli("threads-lattice", "--threads", "FHD schemes", "run", ABC, "--threads", "2", "--out",
                Slot.OUT));
        cases.add(cli("threads-with-blocks", "--threads", "leave out --threads", "run", FRONT, "--threads", "2",
                "--block", "32", "--out", Slot.OUT));
        cases.add(cli("set-cells-zero", "--set domain.cells=[0]", "domain.cells", "run", ABC, "--set",
                "domain.cells=[0]", "--out", Slot.OUT));
        cases.add(cli("set-unknown-key", "--set", "nonexistent", "run", ABC, "--set", "nonexistent.key=1", "--out",
                Slot.OUT));
        cases.add(cli("set-truncated-yaml", "--set", "time", "run", ABC, "--set", "time={end: 1", "--out",
                Slot.OUT));
        cases.add(cli("set-no-key", "--set", "key=value", "run", ABC, "--set", "=", "--out", Slot.OUT));
        cases.add(cli("set-dt-zero", "--set method.dt=0", "dt must be positive", "run", SCHLOGL, "--set", "method.dt=0",
                "--out", Slot.OUT));
        cases.add(cli("set-split-dt-tiny", "--set method=", "steps up to the end time", "run", ABC, "--set",
                "method={algorithm: split-mn, dt: 1e-300}", "--out", Slot.OUT));
        cases.add(cli("set-point-count-huge", "--set species.M.initial=", "in one voxel", "run", MORPH, "--set",
                "species.M.initial={point: {at: [0.5 um], count: 3000000000}}", "--out", Slot.OUT));
        cases.add(cli("out-unknown-scheme", "foo://bar/x", "No FileSystem for scheme", "run", BD, "--out",
                "foo://bar/x"));
        cases.add(cli("model-unknown-scheme", "foo://x.yaml", "cannot be read", "run", "foo://x.yaml", "--out",
                Slot.OUT));
        cases.add(cli("set-boundary-unknown", "--set", "sticky", "run", MORPH, "--set", "domain.boundary=sticky",
                "--out", Slot.OUT));
        cases.add(cli("out-below-a-file", "a-file", "not a directory", "run", BD, "--out", Slot.FILE + "/below", "--no-progress"));
        cases.add(cli("out-is-a-file", "a-file", "is a file", "run", BD, "--out", Slot.FILE, "--no-progress"));
        cases.add(cli("out-empty", "output location", "empty", "run", BD, "--out", ""));
        cases.add(cli("out-holds-lattice-results", "lattice", "--overwrite", "run", MORPH, "--out", Slot.LATTICE,
                "--no-progress", "--set", "time.end=4 s"));
        cases.add(cli("out-holds-fhd-results", "fhd", "--overwrite", "run", SCHLOGL, "--out", Slot.FHD,
                "--no-progress", "--set", "time={end: 20.0, output: 10.0}"));
        cases.add(cli("out-holds-well-mixed-results", "well-mixed", "--overwrite", "run", BD, "--out",
                Slot.WELL_MIXED, "--no-progress", "--set", "seed=9"));
        cases.add(cli("ensemble-out-holds-results", "well-mixed", "--overwrite", "ensemble", BD, "--replicas", "3",
                "--out", Slot.WELL_MIXED, "--no-progress"));
        cases.add(cli("restart-other-seed", "checkpoint", "belongs to another model", concat(
                new Object[] {"run", MORPH, "--restart", Slot.LATTICE, "--set", "seed=12"}, LATTICE_RUN)));
        cases.add(cli("restart-other-model-text", "checkpoint", "belongs to another model", concat(
                new Object[] {"run", MORPH, "--restart", Slot.LATTICE, "--set", "reactions=[\"decay: M -> 0 @ 0.2 /s\"]"},
                LATTICE_RUN)));
        cases.add(cli("restart-lattice-dir-with-fhd-model", "checkpoint", "was written by a nsm", concat(
                new Object[] {"run", SCHLOGL, "--restart", Slot.LATTICE}, FHD_RUN)));
        cases.add(cli("restart-fhd-dir-with-lattice-model", "checkpoint", "was written by a fhd run", concat(
                new Object[] {"run", MORPH, "--restart", Slot.FHD}, LATTICE_RUN)));
        cases.add(restartWith("restart-fhd-dir-other-model-file", SCHLOGL, "D: 1.0", "D: 2.0", Slot.FHD, FHD_RUN));
        cases.add(restartWith("restart-lattice-dir-other-model-file", MORPH, "decay: M -> 0 @ 0.1 /s",
                "decay: M -> 0 @ 0.2 /s", Slot.LATTICE, LATTICE_RUN));
        cases.add(cli("restart-empty-dir", "empty", "holds no checkpoints", concat(
                new Object[] {"run", SCHLOGL, "--restart", Slot.EMPTY}, FHD_RUN)));
        cases.add(cli("restart-missing-dir", "never-was", "does not exist", concat(
                new Object[] {"run", SCHLOGL, "--restart", Slot.OUT.name() + "never-was"}, FHD_RUN)));
        cases.add(cli("restart-a-file", "a-file", "is a file, not a directory", concat(
                new Object[] {"run", SCHLOGL, "--restart", Slot.FILE}, FHD_RUN)));
        cases.add(cli("restart-well-mixed-results", "well-mixed", "holds no checkpoints", concat(
                new Object[] {"run", SCHLOGL, "--restart", Slot.WELL_MIXED}, FHD_RUN)));
        cases.add(cli("replicas-zero", "--replicas", "between 1 and", "ensemble", BD, "--replicas", "0", "--out",
                Slot.OUT));
        cases.add(cli("replicas-word", "'--replicas'", "'x' is not a long", "ensemble", BD, "--replicas", "x", "--out",
                Slot.OUT));
        cases.add(cli("ensemble-with-checkpoint", "checkpoint", "ensemble", "ensemble", MORPH, "--replicas", "2",
                "--set", "checkpoint={every: 1}", "--out", Slot.OUT));
        cases.add(cli("unknown-command", "'simulate'", "unknown command", "simulate", BD));
        cases.add(cli("model-missing", "'MODEL'", "Missing required parameter", "run"));
        cases.add(cli("model-is-a-directory", "empty", "is a directory", "run", Slot.EMPTY, "--out", Slot.OUT));
        cases.add(cli("extra-argument", "'extra'", "Unmatched argument", "run", BD, "extra", "--out", Slot.OUT));

        Set<String> names = new HashSet<>();
        for (Case c : cases) {
            assertTrue(names.add(c.name()), "duplicate case " + c.name());
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsOneLineExitCode2AndDamagesNothing(Case c) throws IOException {
        Path model = null;
        if (c.modelBytes() != null) {
            model = Files.write(Files.createDirectories(tmp.resolve("models")).resolve(c.name() + ".yaml"),
                    c.modelBytes());
        }
        Path out = tmp.resolve("out").resolve(c.name());
        Env env = new Env(model, out);
        Object[] argv = resolve(c.argv(), env);
        Map<String, byte[]> before = files(results);

        Outcome o = rdsim(argv);

        String what = Arrays.toString(argv) + ": " + o.err();
        assertEquals(Rdsim.BAD_INPUT, o.code(), what);
        List<String> lines = o.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + what);
        String line = lines.get(0);
        assertTrue(line.startsWith("rdsim: error: "), what);
        assertFalse(line.contains("Exception") || o.err().contains("\tat "), what);
        String where = c.where().apply(env);
        if (c.atStart()) {
            assertTrue(line.startsWith("rdsim: error: " + where), "expected '" + where + "' first: " + what);
        } else {
            assertTrue(line.contains(where), "expected '" + where + "' in " + what);
        }
        assertTrue(line.contains(c.phrase()), "expected '" + c.phrase() + "' in " + what);
        assertFalse(Files.exists(out), "nothing is written: " + what);
        Map<String, byte[]> after = files(results);
        assertEquals(before.keySet(), after.keySet(), "the earlier results keep their files: " + what);
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " unchanged: " + what));
    }

    /** A read-only directory refuses results; root writes anyway, so only checked as another user. */
    @Test
    void anUnwritableOutputDirectoryIsRefused() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        assertTrue(locked.toFile().setWritable(false, false));
        try {
            assumeFalse(Files.isWritable(locked), "running as root");
            Outcome o = rdsim("run", BD, "--out", locked.resolve("run"), "--no-progress");
            assertEquals(Rdsim.BAD_INPUT, o.code(), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().startsWith("rdsim: error: ") && o.err().contains(locked.toString()), o.err());
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    /**
     * A run too large for its heap ends with one line that names the heap and what to change,
     * exit code 1, no stack trace: the 64^3 front cut into 16^3 blocks in one JVM of 80 MB (its
     * cells pass the up-front estimate, 61 MB; the blocks' windows with their ghost zones do not
     * fit). A JVM of its own: the error must really be thrown, and not in the test's JVM.
     */
    @Test
    void aRunTooLargeForTheHeapSaysSoInOneLine() throws Exception {
        Path out = tmp.resolve("out-of-memory");
        Path stderr = tmp.resolve("out-of-memory.err");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx80m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Rdsim.class.getName(),
                "run", MODELS.resolve("front-3d-64.yaml").toString(), "--block", "16,16,16", "--in-process",
                "--no-progress", "--out", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        // Options from the environment would add a line to stderr, or a heap of their own.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
        Process p = builder.start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run did not end within 120 s");
        }
        String err = Files.readString(stderr);
        assertEquals(Rdsim.FAILED, p.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("rdsim: error: out of memory (Java heap space) with a Java heap of at most ")
                && err.contains("RDSIM_MEMORY"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
    }

    /**
     * Grids whose blocks would live in this JVM and cannot fit in its heap (3 GB under surefire)
     * are refused before anything is built or written (on a local Spark an OutOfMemoryError in a
     * task would end the JVM with Spark's stack traces): a lattice of 1024^3 on Spark and in
     * process, an FHD box of 512 x 512 x 256 (7.9 GB by the estimate).
     */
    @Test
    void aGridTooLargeForThisJvmIsRefusedBeforeItStarts() {
        Path binding = MODELS.resolve("binding-3d.yaml");
        Object[][] cases = {
            {binding, "domain.cells=[1024,1024,1024]", "--master", "local[2]"},
            {binding, "domain.cells=[1024,1024,1024]", "--in-process"},
            {MODELS.resolve("front-3d-64.yaml"), "domain.cells=[512,512,256]", "--threads", "1"},
        };
        for (Object[] c : cases) {
            Path out = tmp.resolve("too-large-" + c[2].toString().replace("-", ""));
            Object[] options = java.util.Arrays.copyOfRange(c, 2, c.length);
            Outcome o = rdsim(concat(new Object[] {"run", c[0], "--set", c[1], "--no-progress", "--out", out}, options));
            assertEquals(Rdsim.BAD_INPUT, o.code(), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().startsWith("rdsim: error: ") && o.err().contains(" cells x ")
                    && o.err().contains("MB of heap in this JVM") && o.err().contains("RDSIM_MEMORY"), o.err());
            assertFalse(Files.exists(out), "nothing is written: " + out);
        }
    }

    @AfterAll
    static void theEarlierResultsStillRestart() {
        // the refused restarts and overwrites left the directories usable
        Outcome o = rdsim(concat(new Object[] {"run", SCHLOGL, "--restart", fhd}, FHD_RUN));
        assertEquals(0, o.code(), o.err());
    }

    // --- case builders ---

    private static String text(Path model) {
        try {
            return Files.readString(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with one occurrence of {@code from} replaced; the error must name the line of {@code to}. */
    private static Case mutation(String name, Path base, String from, String to, String phrase) {
        String original = text(base);
        int at = original.indexOf(from);
        assertTrue(at >= 0 && original.indexOf(from, at + 1) < 0, name + ": '" + from + "' once in " + base);
        String mutated = original.substring(0, at) + to + original.substring(at + from.length());
        int line = lineOf(mutated, at);
        return modelCase(name, mutated.getBytes(StandardCharsets.UTF_8), env -> env.model() + ":" + line + ": ",
                phrase);
    }

    /** The example with a line added at its end; the error must name that line. */
    private static Case appended(String name, Path base, String extra, String phrase) {
        String original = text(base);
        String mutated = original + (original.endsWith("\n") ? "" : "\n") + extra + "\n";
        int line = lineOf(mutated, mutated.length() - extra.length() - 1);
        return modelCase(name, mutated.getBytes(StandardCharsets.UTF_8), env -> env.model() + ":" + line + ": ",
                phrase);
    }

    /** A model file of the given bytes; the error must start with its name. */
    private static Case file(String name, byte[] bytes, String phrase) {
        return modelCase(name, bytes, env -> env.model() + ":", phrase);
    }

    /**
     * The example cut at {@code n} byte offsets spread between its first key and the end of its
     * time: line (so a required key is always missing or the YAML is broken).
     */
    private static void truncations(List<Case> cases, Path base, int n) {
        String original = text(base);
        int first = original.indexOf("\nname:") + 1;
        int last = original.indexOf('\n', original.indexOf("\ntime:") + 1) - 2;
        for (int k = 0; k < n; k++) {
            int cut = first + (int) ((long) (last - first) * k / (n - 1));
            String stem = base.getFileName().toString().replace(".yaml", "");
            cases.add(file("truncated-" + stem + "-at-" + cut,
                    original.substring(0, cut).getBytes(StandardCharsets.UTF_8), ""));
        }
    }

    private static Case modelCase(String name, byte[] bytes, Function<Env, String> where, String phrase) {
        return new Case(name, bytes, new Object[] {"run", Slot.MODEL, "--out", Slot.OUT, "--no-progress"}, where,
                true, phrase);
    }

    /**
     * A restart of an earlier run's directory with a changed copy of its model file: refused
     * (another model), the directory untouched.
     */
    private static Case restartWith(String name, Path base, String from, String to, Slot dir, Object[] run) {
        Case changed = mutation(name, base, from, to, "");
        return new Case(name, changed.modelBytes(), concat(new Object[] {"run", Slot.MODEL, "--restart", dir}, run),
                env -> "checkpoint", false, "belongs to another model");
    }

    /** A command line; the error must contain {@code where} (the option or path) and {@code phrase}. */
    private static Case cli(String name, String where, String phrase, Object... argv) {
        return new Case(name, null, argv, env -> where, false, phrase);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static byte[] junk() {
        byte[] b = new byte[512];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 37 + 11);
        }
        return b;
    }

    private static Object[] resolve(Object[] argv, Env env) {
        Object[] resolved = new Object[argv.length];
        for (int i = 0; i < argv.length; i++) {
            Object a = argv[i];
            if (a instanceof Slot s) {
                a = slot(s, env);
            } else if (a instanceof String str) {
                for (Slot s : Slot.values()) {
                    if (str.startsWith(s.toString()) && !str.equals(s.toString())) {
                        a = slot(s, env) + str.substring(s.toString().length());
                    }
                }
            }
            resolved[i] = a;
        }
        return resolved;
    }

    private static Path slot(Slot s, Env env) {
        return switch (s) {
            case MODEL -> env.model();
            case OUT -> env.out();
            case LATTICE -> lattice;
            case FHD -> fhd;
            case WELL_MIXED -> wellMixed;
            case EMPTY -> empty;
            case FILE -> regularFile;
        };
    }

    /** Every file under dir by relative name, with its bytes. */
    static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
