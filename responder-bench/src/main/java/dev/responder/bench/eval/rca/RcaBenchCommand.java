package dev.responder.bench.eval.rca;

import dev.responder.analysis.rca.Candidate;
import dev.responder.analysis.rca.IncidentData;
import dev.responder.analysis.rca.RootCauseRanker;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder bench rca}: wall-clock latency of one root-cause ranking on a synthetic incident (default: 50
 * services, one hour of data), against the target of 1 s.
 */
@Command(name = "rca", mixinStandardHelpOptions = true,
    description = "Root-cause ranking latency on a synthetic incident (target: 50 services, 1 h, <= 1 s).")
public final class RcaBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--services", defaultValue = "50", description = "Services (default: ${DEFAULT-VALUE}).")
  int services;

  @Option(names = "--metrics", defaultValue = "20", description = "Metrics per service, one point per 10 s (default: ${DEFAULT-VALUE}).")
  int metrics;

  @Option(names = "--traces", defaultValue = "20000", description = "Traces (default: ${DEFAULT-VALUE}).")
  int traces;

  @Option(names = "--logs", defaultValue = "100000", description = "Log lines (default: ${DEFAULT-VALUE}).")
  int logs;

  @Option(names = "--runs", defaultValue = "10", description = "Timed runs after 3 warm-ups (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--ranker", defaultValue = "multi-signal", description = "Ranker (default: ${DEFAULT-VALUE}).")
  String ranker;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (services < 2 || metrics < 1 || traces < 0 || logs < 0 || runs < 1) {
      throw new IllegalArgumentException("need --services >= 2, --metrics >= 1, --runs >= 1 and non-negative counts"
          + " but were " + services + ", " + metrics + ", " + runs + ", traces " + traces + ", logs " + logs);
    }
    RootCauseRanker r = RootCauseRanker.byName(ranker);
    IncidentData data = SyntheticIncident.generate(services, metrics, traces, logs, seed);
    List<Candidate> ranking = List.of();
    for (int i = 0; i < 3; i++) {
      ranking = r.rank(data);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      ranking = r.rank(data);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    PrintWriter o = spec.commandLine().getOut();
    long points = (long) services * metrics * 360;
    o.printf(Locale.ROOT, "rca ranking (%s): %d services, %d metric points, %d spans, %d log lines%n", r.name(),
        services, points, data.spans().size(), data.logs().size());
    o.printf(Locale.ROOT, "latency ms: median %.1f, p90 %.1f, max %.1f over %d runs (target <= 1000)%n",
        ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(0.9 * ms.length) - 1)], ms[ms.length - 1], runs);
    o.printf(Locale.ROOT, "top candidate: %s (planted: %s)%n", ranking.getFirst().service(),
        SyntheticIncident.name(services - 1));
    o.flush();
    return 0;
  }
}
