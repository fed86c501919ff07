package dev.responder.analysis.anomaly;

import java.util.List;

/**
 * Several detectors fed the same points; the score is the largest member score, so each member covers the
 * anomalies it is good at (a point outlier, a change of regime) and the ensemble stays in [0, 1].
 */
final class EnsembleDetector implements AnomalyDetector {
  private final AnomalyDetector[] members;

  EnsembleDetector(List<AnomalyDetector> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member but got none");
    }
    this.members = members.toArray(AnomalyDetector[]::new);
  }

  @Override
  public double update(long epochMillis, double value) {
    double best = 0;
    for (AnomalyDetector m : members) {
      best = Math.max(best, m.update(epochMillis, value));
    }
    return best;
  }
}
