package dev.responder.bench.sim;

import dev.responder.core.port.TelemetryStore;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.sim.AppModel;
import dev.responder.sim.SimSettings;
import dev.responder.sim.Simulation;
import dev.responder.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench sim}: wall time to simulate one hour of the shop (10 s resolution, full logs, 1 % traces)
 * and of a random 200-service topology, each written into a fresh temporary DuckDB file through the store's public
 * API, against the targets of docs/benchmarks.md (5 s and 60 s).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Simulator benchmark: 1 h of the shop and of a 200-service random topology into DuckDB.")
public final class SimBenchCommand implements Callable<Integer> {
  private static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

  @Spec
  CommandSpec spec;

  @Option(names = "--services", defaultValue = "200", description = "Services of the random topology (default: ${DEFAULT-VALUE}).")
  int services;

  @Option(names = "--duration", defaultValue = "60", description = "Simulated minutes per run (default: ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--warmup", defaultValue = "true", negatable = true,
      description = "Run a short untimed simulation first so that the JIT has compiled the hot paths (default: on).")
  boolean warmup;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (warmup) {
      Simulation.create(AppModel.shop(), SimSettings.defaults().withStart(START), seed).advance(Duration.ofMinutes(20), b -> { });
    }
    out.println(String.format(Locale.ROOT, "%-28s %10s %10s %10s %10s %10s %8s", "run", "wall s", "sim s", "metrics",
        "logs", "spans", "target"));
    Result shop = run("shop 1h, 10s, 1% traces", AppModel.shop());
    out.println(shop.line(5));
    Result random = run("random-" + services + " 1h", AppModel.random(services, seed));
    out.println(random.line(60));
    out.flush();
    return 0;
  }

  private Result run(String name, AppModel app) {
    Path dir;
    try {
      dir = Files.createTempDirectory("responder-sim-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Counter counter = new Counter();
      long t0 = System.nanoTime();
      long simNanos;
      try (TelemetryStore store = Stores.telemetry(dir.resolve("bench.duckdb").toString())) {
        Simulation sim = Simulation.create(app, SimSettings.defaults().withStart(START), seed);
        simNanos = counter.run(sim, Duration.ofMinutes(minutes), store);
      }
      return new Result(name, (System.nanoTime() - t0) / 1e9, simNanos / 1e9, counter);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts rows on their way to the store and the time spent simulating (excluding the store's appends). */
  private static final class Counter {
    long metrics;
    long logs;
    long spans;
    long storeNanos;

    long run(Simulation sim, Duration d, TelemetryStore store) {
      long t0 = System.nanoTime();
      sim.advance(d, (TelemetryBatch b) -> {
        metrics += b.metrics().size();
        logs += b.logs().size();
        spans += b.spans().size();
        long s = System.nanoTime();
        store.append(b);
        storeNanos += System.nanoTime() - s;
      });
      return System.nanoTime() - t0 - storeNanos;
    }
  }

  private record Result(String name, double wallSeconds, double simSeconds, Counter c) {
    String line(double target) {
      return String.format(Locale.ROOT, "%-28s %10.2f %10.2f %10d %10d %10d %8s", name, wallSeconds, simSeconds,
          c.metrics, c.logs, c.spans, (wallSeconds <= target ? "<= " : "> ") + (int) target + "s");
    }
  }
}
