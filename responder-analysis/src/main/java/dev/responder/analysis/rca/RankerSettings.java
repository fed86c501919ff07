package dev.responder.analysis.rca;

import dev.responder.core.error.ConfigException;

/**
 * Tuning of the multi-signal ranker. One configuration serves every data set: nothing here is fitted per data set.
 *
 * @param metricWeight  weight of metric deviation in [0, 1]
 * @param logWeight     weight of log evidence (error rate, new or spiking templates) in [0, 1]
 * @param traceWeight   weight of trace evidence (error origin, critical-path self time) in [0, 1]
 * @param patternWeight weight of changed event patterns inside traces (span parent-child pairs, span-log pairs)
 *                      against the fault-free reference, in [0, 1]
 * @param changeWeight  weight of a correlated change on the service in [0, 1]
 * @param significance  the z-score below which a signal counts as noise; signals are scaled by
 *                      {@code max(strongest, significance)} so a quiet signal cannot look loud
 * @param explainedPenalty how much an anomalous callee explains away its caller's anomaly, in [0, 1]
 * @param upstreamBonus how much anomalous callers raise a callee (the anomaly's propagation path), >= 0
 * @param useGraph      whether to propagate over the service graph at all
 */
public record RankerSettings(double metricWeight, double logWeight, double traceWeight, double patternWeight,
                             double changeWeight,
                             double significance, double explainedPenalty, double upstreamBonus, boolean useGraph) {
  public RankerSettings {
    requireUnit("metricWeight", metricWeight);
    requireUnit("logWeight", logWeight);
    requireUnit("traceWeight", traceWeight);
    requireUnit("patternWeight", patternWeight);
    requireUnit("changeWeight", changeWeight);
    requireUnit("explainedPenalty", explainedPenalty);
    if (!(significance > 0)) {
      throw new ConfigException("ranker significance must be > 0 but was " + significance);
    }
    if (!(upstreamBonus >= 0)) {
      throw new ConfigException("ranker upstreamBonus must be >= 0 but was " + upstreamBonus);
    }
  }

  /** The configuration every evaluation uses. */
  public static RankerSettings defaults() {
    return new RankerSettings(1.0, 0.8, 0.9, 1.0, 0.5, 3.0, 0.6, 0.3, true);
  }

  /** Metrics only, no graph: the reference ranker. */
  public static RankerSettings metricsOnly() {
    return new RankerSettings(1.0, 0, 0, 0, 0, 3.0, 0, 0, false);
  }

  private static void requireUnit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new ConfigException("ranker " + name + " must be in [0, 1] but was " + v);
    }
  }
}
