package org.rdsim.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rdsim.core.analysis.CellStatistics;
import org.rdsim.core.analysis.LinearTheory;
import org.rdsim.core.analysis.StructureFactor;
import org.rdsim.core.io.CsvFormat;
import org.rdsim.core.model.Model;
import org.rdsim.spark.output.ErrorText;
import org.rdsim.spark.output.OutputDirectory;
import org.rdsim.spark.output.Plots;
import org.rdsim.spark.output.SavedRun;
import org.rdsim.spark.output.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures a finished spatial run from its field snapshots (fhd-schemes.md section 7): S(k), the
 * per-cell count distribution against Poisson, P_neg and zeta. Runs in this JVM; reads and writes
 * through the Hadoop FileSystem API, so DIR may be local or a URI such as hdfs://.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = {
    "Measure a spatial run from its snapshots (fields/step-*.npy) into DIR/analysis/:",
    "  structure-factor.csv, structure-factor-<species>.png: S(k) per species over",
    "    the snapshots after the burn-in, in |k| shells 2 pi / (shortest side)",
    "    wide; for a one-species FHD model also eq. (14) in ktilde (theory);",
    "  cell-statistics.csv: per species the mean and variance of the density,",
    "    the KL divergence of the count per cell from Poisson (eq. 37), P_neg",
    "    (eq. 38) and the neighbour correlation zeta (eq. 39);",
    "  count-distribution-<species>.csv/.png: measured P(N) and Poisson;",
    "  space-time-<species>.png (1-D, all snapshots) or snapshot-<species>.png",
    "    (2-D/3-D: the last snapshot, mid-plane).",
    "Errors are batch means over 20 batches of snapshots: a batch should outlast",
    "the slowest relaxation (1/r, L^2/(pi^2 D)). KL is against Poisson(nbar dV),",
    "nbar the steady state of eq. (14) when it applies, else the mean density.",
    "Snapshot times: FHD step x dt; lattice runs (nsm, split-mn) from the step",
    "number, output interval and macro step in summary.json.",
    "DIR/analysis is replaced on each run (kept if the analysis fails)."})
final class AnalyzeCommand implements Callable<Integer> {

    /** Fewest snapshots after the burn-in: one per batch. */
    static final int MIN_SNAPSHOTS = StructureFactor.BATCHES;
    /** Rows and columns of the space-time image at most (coarser runs are sampled / averaged). */
    private static final int MAX_ROWS = 1000;
    private static final int MAX_COLUMNS = 1024;

    @Parameters(index = "0", paramLabel = "DIR", description = "The --out directory of `rdsim run` (local or URI).")
    String location;

    @Option(names = "--burn-in", paramLabel = "T",
            description = "Use the snapshots at t >= T (model time). Default: skip the first 10%% of the "
                    + "snapshots' time span.")
    Double burnIn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (burnIn != null && !(burnIn >= 0 && Double.isFinite(burnIn))) {
            throw new UserInputException("--burn-in must be a time of 0 or more; got " + burnIn);
        }
        SavedRun run = SavedRun.open(location, HadoopConf.fromSparkProperties());
        List<SavedRun.Snapshot> all = run.snapshots();
        Model model = run.model();
        double first = all.get(0).time();
        double last = all.get(all.size() - 1).time();
        double from = burnIn != null ? burnIn : first + 0.1 * (last - first);
        double slack = 1e-9 * Math.max(1, Math.abs(last));
        List<SavedRun.Snapshot> used = all.stream().filter(s -> s.time() >= from - slack).toList();
        if (used.size() < MIN_SNAPSHOTS) {
            throw new UserInputException(String.format(Locale.ROOT, "only %d of the %d snapshots (t = %s to %s) are at "
                    + "t >= %s; the analysis needs at least %d (one per batch): lower --burn-in, or write fields more "
                    + "often (output.fields.every) or run longer", used.size(), all.size(), number(first), number(last),
                    number(from), MIN_SNAPSHOTS));
        }
        int[] cells = run.cells();
        boolean oneD = cells.length == 1;

        SavedRun.NpyField probe = run.read(used.get(0));
        int species = probe.species();
        String[] names = run.species(model, species);
        StructureFactor sf = new StructureFactor(cells, run.dx(), run.voxelVolume(), species);
        CellStatistics cs = new CellStatistics(cells, run.periodic(), run.voxelVolume(), species);
        SpaceTime spaceTime = oneD ? new SpaceTime(cells[0], species, all.size()) : null;
        double[] lastField = null;
        for (SavedRun.Snapshot s : oneD ? all : used) {
            SavedRun.NpyField field = s == used.get(0) ? probe : run.read(s);
            if (field.species() != species) {
                throw new UserInputException(run.location() + "/fields/" + s.path().getName() + " holds "
                        + field.species() + " species; " + used.get(0).path().getName() + " holds " + species);
            }
            if (spaceTime != null) {
                spaceTime.offer(s.time(), field.densities());
            }
            if (s.time() >= from - slack) {
                sf.add(field.densities());
                cs.add(field.densities());
                lastField = field.densities();
            }
        }
        if (!allPeriodic(run.periodic())) {
            spec.commandLine().getErr().println("rdsim: warning: the domain is not periodic on every axis; S(k) "
                    + "treats the box as periodic (the wrap-around adds to the lowest modes)");
            spec.commandLine().getErr().flush();
        }

        String why = model == null ? "the run has no model.yaml (lattice runs keep none)" : LinearTheory.inapplicable(model);
        List<Report> reports = new ArrayList<>();
        for (int s = 0; s < species; s++) {
            CellStatistics.Moments moments = cs.moments(s);
            Optional<LinearTheory> theory = why == null ? LinearTheory.of(model, moments.mean()) : Optional.empty();
            double reference = theory.filter(LinearTheory::converged).map(LinearTheory::nbar).orElse(moments.mean());
            reports.add(new Report(names[s], sf.spectrum(s), theory.map(t -> sf.binAverage(t::structureFactor))
                    .orElse(null), moments, cs.divergence(s, reference * run.voxelVolume()), theory.orElse(null)));
        }
        Path target = new Path(run.dir(), "analysis");
        writeAll(run, target, reports, cs, spaceTime, lastField, cells, used, from);

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d snapshots at t = %s to %s (burn-in %s; %d snapshots in all), %d cells%n",
                run.summary().path("model").asText("run"), used.size(), number(used.get(0).time()),
                number(used.get(used.size() - 1).time()), number(from), all.size(), cs.cells());
        for (Report r : reports) {
            out.println(r.line());
        }
        if (why != null) {
            out.println("no eq. (14) curve: " + why);
        }
        out.println("-> " + target);
        out.flush();
        return 0;
    }

    private static boolean allPeriodic(boolean[] periodic) {
        for (boolean p : periodic) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes every file into a hidden temporary directory next to DIR/analysis, then replaces
     * DIR/analysis with it, so a failed analysis leaves the previous one as it was.
     */
    private void writeAll(SavedRun run, Path target, List<Report> reports, CellStatistics cs, SpaceTime spaceTime,
            double[] lastField, int[] cells, List<SavedRun.Snapshot> used, double from) {
        FileSystem fs = run.fileSystem();
        Path temp = new Path(run.dir(), ".analysis.partial-" + UUID.randomUUID());
        OutputDirectory dir = OutputDirectory.prepare(temp.toString(), false, HadoopConf.fromSparkProperties());
        try {
            String model = run.summary().path("model").asText("run");
            String span = String.format(Locale.ROOT, "%d snapshots, t = %s to %s", used.size(),
                    number(used.get(0).time()), number(used.get(used.size() - 1).time()));
            dir.writeText("structure-factor.csv", w -> structureFactorCsv(w, reports));
            dir.writeText("cell-statistics.csv", w -> cellStatisticsCsv(w, reports, cs));
            for (int s = 0; s < reports.size(); s++) {
                Report r = reports.get(s);
                String sk = String.format(Locale.ROOT, "%s: S(k) of %s (%s)", model, r.name, span);
                dir.write("structure-factor-" + r.name + ".png", o -> Plots.structureFactor(r.column(b -> b.ktilde()),
                        r.column(b -> b.s()), r.column(b -> b.se()), r.theory, sk, r.theoryName(), o));
                Counts counts = Counts.of(cs, s, r.divergence.poissonMean());
                String pn = String.format(Locale.ROOT, "%s: molecules per cell of %s (%s), KL %s", model, r.name,
                        span, g(r.divergence.kl()));
                String poisson = String.format(Locale.ROOT, "Poisson(%.4g)", r.divergence.poissonMean());
                dir.writeText("count-distribution-" + r.name + ".csv", counts::write);
                dir.write("count-distribution-" + r.name + ".png", o -> Plots.countDistribution(counts.n,
                        counts.measured, counts.poisson, pn, poisson, o));
                String legend = r.name + " density";
                if (spaceTime != null) {
                    double[][] image = spaceTime.image(s);
                    String title = String.format(Locale.ROOT, "%s: %s density (burn-in until t = %s)", model, r.name,
                            number(from));
                    dir.write("space-time-" + r.name + ".png", o -> Plots.spaceTime(image, spaceTime.times(),
                            spaceTime.columnWidth(run.dx()), title, legend, o));
                } else {
                    double[][] slice = midPlane(lastField, cells, s);
                    String title = String.format(Locale.ROOT, "%s: %s at t = %s%s", model, r.name,
                            number(used.get(used.size() - 1).time()), cells.length > 2 ? ", z = " + cells[2] / 2 : "");
                    dir.write("snapshot-" + r.name + ".png", o -> Plots.slice(slice, run.dx(), title, legend, o));
                }
            }
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot remove the previous " + target);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        } catch (IOException e) {
            discard(fs, temp);
            throw new UncheckedIOException("writing " + target + ": " + ErrorText.firstLine(e), e);
        } catch (RuntimeException e) {
            discard(fs, temp);
            throw e;
        }
    }

    private static void discard(FileSystem fs, Path temp) {
        try {
            fs.delete(temp, true);
        } catch (IOException ignored) {
            // a hidden leftover is removed by the next rdsim run into this directory
        }
    }

    private static void structureFactorCsv(Writer w, List<Report> reports) throws IOException {
        w.write("species,k,ktilde,S,se,theory\n");
        for (Report r : reports) {
            List<StructureFactor.Bin> bins = r.spectrum.bins();
            for (int j = 0; j < bins.size(); j++) {
                StructureFactor.Bin b = bins.get(j);
                w.write(CsvFormat.field(r.name) + "," + CsvFormat.number(b.k()) + "," + CsvFormat.number(b.ktilde())
                        + "," + CsvFormat.number(b.s()) + "," + CsvFormat.number(b.se()) + ","
                        + (r.theory == null ? "" : CsvFormat.number(r.theory[j])) + "\n");
            }
        }
    }

    private static void cellStatisticsCsv(Writer w, List<Report> reports, CellStatistics cs) throws IOException {
        w.write("species,mean,variance,kl,pneg,zeta,snapshots,cells\n");
        for (Report r : reports) {
            CellStatistics.Moments m = r.moments;
            w.write(CsvFormat.field(r.name) + "," + CsvFormat.number(m.mean()) + "," + CsvFormat.number(m.variance())
                    + "," + CsvFormat.number(r.divergence.kl()) + "," + CsvFormat.number(m.pneg()) + ","
                    + CsvFormat.number(m.zeta()) + "," + cs.snapshots() + "," + cs.cells() + "\n");
        }
    }

    /** The z = nz / 2 plane (the plane in 2-D) of species s, [y][x]. */
    private static double[][] midPlane(double[] field, int[] cells, int s) {
        int nx = cells[0];
        int ny = cells.length > 1 ? cells[1] : 1;
        int nz = cells.length > 2 ? cells[2] : 1;
        int z = nz / 2;
        double[][] slice = new double[ny][nx];
        int base = s * nx * ny * nz + z * nx * ny;
        for (int y = 0; y < ny; y++) {
            System.arraycopy(field, base + y * nx, slice[y], 0, nx);
        }
        return slice;
    }

    /** A time to six significant digits, whole ones without ".0". */
    private static String number(double t) {
        return CsvFormat.number(Double.parseDouble(String.format(Locale.ROOT, "%.6g", t)));
    }

    /** What one species gave. */
    private record Report(String name, StructureFactor.Spectrum spectrum, double[] theory,
                          CellStatistics.Moments moments, CellStatistics.Divergence divergence, LinearTheory linear) {

        double[] column(java.util.function.ToDoubleFunction<StructureFactor.Bin> f) {
            return spectrum.bins().stream().mapToDouble(f).toArray();
        }

        String theoryName() {
            return linear == null ? null : String.format(Locale.ROOT, "eq. (14): nbar %.4g, r %.4g, Gamma %.4g%s",
                    linear.nbar(), linear.r(), linear.gamma(), linear.converged() ? "" : " (no steady state found)");
        }

        /** "X: mean density 1.002, S(k) mean 0.998 +- 0.004 over 32 k (eq. 14: 1), KL ..., P_neg 0, zeta ...". */
        String line() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s: mean density %.4g +- %.2g, S(k) mean %.4g +- %.2g over %d k", name, moments.mean(),
                    moments.meanSe(), spectrum.mean(), spectrum.meanSe(), spectrum.bins().size()));
            if (theory != null) {
                double mean = 0;
                for (double t : theory) {
                    mean += t / theory.length;
                }
                sb.append(String.format(Locale.ROOT, " (eq. 14: %.4g)", mean));
            }
            sb.append(String.format(Locale.ROOT, ", KL %s vs Poisson(%.4g) (sampling level %.2g), P_neg %s, "
                    + "zeta %.3g +- %.2g", g(divergence.kl()), divergence.poissonMean(), divergence.samplingLevel(),
                    g(moments.pneg()), moments.zeta(), moments.zetaSe()));
            return sb.toString();
        }
    }

    /** Three significant digits; 0 as "0". */
    private static String g(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** The count distribution of one species for its CSV and figure. */
    private record Counts(long[] n, double[] measured, double[] poisson) {

        /** Every N from the smallest to the largest where P(N) &gt; 0 or P_Poisson(N) &gt;= 1e-9. */
        static Counts of(CellStatistics cs, int s, double mean) {
            long lo = cs.minCount(s);
            long hi = cs.maxCount(s);
            long mode = (long) Math.floor(mean);
            long a = mode;
            while (a > 0 && CellStatistics.poisson(mean, a - 1) >= 1e-9) {
                a--;
            }
            long b = mode;
            while (CellStatistics.poisson(mean, b + 1) >= 1e-9) {
                b++;
            }
            lo = Math.min(lo, a);
            hi = Math.max(hi, b);
            int size = (int) (hi - lo + 1);
            long[] n = new long[size];
            double[] measured = new double[size];
            double[] poisson = new double[size];
            for (int i = 0; i < size; i++) {
                n[i] = lo + i;
                measured[i] = cs.probability(s, n[i]);
                poisson[i] = CellStatistics.poisson(mean, n[i]);
            }
            return new Counts(n, measured, poisson);
        }

        void write(Writer w) throws IOException {
            w.write("N,measured,poisson\n");
            for (int i = 0; i < n.length; i++) {
                w.write(n[i] + "," + CsvFormat.number(measured[i]) + "," + CsvFormat.number(poisson[i]) + "\n");
            }
        }
    }

    /**
     * The rows of a 1-D space-time image: every k-th snapshot so that at most MAX_ROWS remain,
     * and cells averaged in groups so that at most MAX_COLUMNS remain.
     */
    private static final class SpaceTime {
        private final int nx;
        private final int species;
        private final int stride;
        private final int group;
        private final List<double[]> rows = new ArrayList<>();
        private final List<Double> times = new ArrayList<>();
        private int offered;

        SpaceTime(int nx, int species, int snapshots) {
            this.nx = nx;
            this.species = species;
            this.stride = Math.max(1, (snapshots + MAX_ROWS - 1) / MAX_ROWS);
            this.group = Math.max(1, (nx + MAX_COLUMNS - 1) / MAX_COLUMNS);
        }

        void offer(double t, double[] densities) {
            if (offered++ % stride != 0) {
                return;
            }
            int columns = (nx + group - 1) / group;
            double[] row = new double[species * columns];
            for (int s = 0; s < species; s++) {
                for (int c = 0; c < columns; c++) {
                    int end = Math.min(nx, (c + 1) * group);
                    double sum = 0;
                    for (int i = c * group; i < end; i++) {
                        sum += densities[s * nx + i];
                    }
                    row[s * columns + c] = sum / (end - c * group);
                }
            }
            rows.add(row);
            times.add(t);
        }

        double[][] image(int s) {
            int columns = (nx + group - 1) / group;
            double[][] image = new double[rows.size()][];
            for (int k = 0; k < image.length; k++) {
                image[k] = java.util.Arrays.copyOfRange(rows.get(k), s * columns, (s + 1) * columns);
            }
            return image;
        }

        double[] times() {
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double columnWidth(double dx) {
            return group * dx;
        }
    }
}
