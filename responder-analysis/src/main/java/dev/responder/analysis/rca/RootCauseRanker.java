package dev.responder.analysis.rca;

import dev.responder.core.error.ConfigException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ranks the services of an incident by how likely each is the root cause. Implementations are deterministic (the
 * same data gives the same ranking) and never see ground truth.
 */
public interface RootCauseRanker {

  /** Every service the data mentions, most likely first; ties break by service name. */
  List<Candidate> rank(IncidentData data);

  /** The registry name of this ranker. */
  String name();

  /** The default: metric, log, trace and change evidence combined, then propagated over the service graph. */
  static RootCauseRanker multiSignal(RankerSettings settings) {
    return new MultiSignalRanker("multi-signal", settings);
  }

  /** {@link #multiSignal} with {@link RankerSettings#defaults()}. */
  static RootCauseRanker defaults() {
    return multiSignal(RankerSettings.defaults());
  }

  /**
   * A simple reference: the largest robust z-score of any metric, no logs, traces or graph. Useful as the floor
   * any ranker must beat.
   */
  static RootCauseRanker metricZScore() {
    return new MultiSignalRanker("metric-zscore", RankerSettings.metricsOnly());
  }

  /** Names of the registered rankers, sorted. */
  static List<String> names() {
    return List.copyOf(RankerRegistry.RANKERS.keySet());
  }

  /** The ranker registered under {@code name}. */
  static RootCauseRanker byName(String name) {
    Supplier<RootCauseRanker> s = RankerRegistry.RANKERS.get(name);
    if (s == null) {
      throw new ConfigException("unknown root-cause ranker '" + name + "'; known: " + String.join(", ", names()));
    }
    return s.get();
  }
}
