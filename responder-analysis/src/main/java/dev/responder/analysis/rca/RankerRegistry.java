package dev.responder.analysis.rca;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The rankers {@link RootCauseRanker#byName} knows, sorted by name. */
final class RankerRegistry {
  static final Map<String, Supplier<RootCauseRanker>> RANKERS = new TreeMap<>(Map.of(
      "multi-signal", RootCauseRanker::defaults,
      "metric-zscore", RootCauseRanker::metricZScore));

  private RankerRegistry() {}
}
