package dev.responder.bench.eval.nab;

import dev.responder.analysis.anomaly.AnomalyDetector;
import dev.responder.analysis.anomaly.AnomalyDetectors;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench detectors}: streaming detector throughput on one core, in points per second, over
 * a few million synthetic points (a daily cycle at five-minute resolution with noise, spikes and level
 * shifts, seeded). Each detector first runs a warm-up pass so the JIT has compiled it.
 */
@Command(name = "detectors", mixinStandardHelpOptions = true,
    description = "Anomaly detector throughput (points/s on one core) on synthetic seasonal series.")
public final class DetectorBenchCommand implements Callable<Integer> {
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 300_000L;

  @Spec
  CommandSpec spec;

  @Option(names = "--points", defaultValue = "5000000", description = "Points per timed run (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--series-length", defaultValue = "20000", description = "Points per series; a new detector per series (default: ${DEFAULT-VALUE}).")
  int seriesLength;

  @Option(names = "--detector", paramLabel = "NAME", description = "Only this detector (default: all registered).")
  String detector;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (points < 1 || seriesLength < 1) {
      throw new IllegalArgumentException("--points and --series-length must be >= 1 but were " + points + ", " + seriesLength);
    }
    List<String> names = detector == null ? AnomalyDetectors.names() : List.of(detector);
    double[] values = synthetic(Math.min(points, seriesLength * 8), seed);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-18s %12s %10s %14s%n", "detector", "points", "seconds", "points/s");
    for (String name : names) {
      AnomalyDetector.Factory factory = AnomalyDetectors.factory(name);
      run(factory, values, Math.min(points, 500_000));
      long t0 = System.nanoTime();
      double checksum = run(factory, values, points);
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "%-18s %,12d %10.3f %,14.0f%s%n", name, points, seconds, points / seconds,
          checksum < 0 ? " (!)" : "");
    }
    out.flush();
    return 0;
  }

  /** Runs {@code n} points through fresh detectors, one per {@code seriesLength} points; returns a checksum. */
  private double run(AnomalyDetector.Factory factory, double[] values, int n) {
    double sum = 0;
    AnomalyDetector d = null;
    for (int i = 0; i < n; i++) {
      int inSeries = i % seriesLength;
      if (inSeries == 0) {
        d = factory.create();
      }
      sum += d.update(START + inSeries * STEP, values[i % values.length]);
    }
    return sum;
  }

  static double[] synthetic(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    double level = 100;
    for (int i = 0; i < n; i++) {
      if (random.nextInt(5000) == 0) {
        level += (random.nextDouble() - 0.5) * 60;
      }
      double noise = (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 4;
      double spike = random.nextInt(2000) == 0 ? 40 * random.nextDouble() : 0;
      v[i] = level + 25 * Math.sin(2 * Math.PI * i / 288.0) + noise + spike;
    }
    return v;
  }
}
