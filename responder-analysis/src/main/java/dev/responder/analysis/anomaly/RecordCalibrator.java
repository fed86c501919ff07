package dev.responder.analysis.anomaly;

/**
 * Turns a raw surprise into a score comparable across series by dividing it by the largest surprise this
 * series has shown recently (a slowly decaying maximum). A series that spikes every day needs a spike
 * larger than its usual ones to score high, and a quiet series scores high on its first real deviation;
 * this is the per-series normalisation that lets one threshold serve a whole corpus (the role played by the
 * anomaly likelihood in Ahmad et al. 2017, "Unsupervised real-time anomaly detection for streaming data").
 */
final class RecordCalibrator {
  private final double decay;
  private final double floor;
  private double record;

  /**
   * @param halfLife points after which a past maximum counts half
   * @param floor the smallest reference, so clean series do not divide by almost nothing
   */
  RecordCalibrator(double halfLife, double floor) {
    this.decay = Math.pow(0.5, 1 / halfLife);
    this.floor = floor;
  }

  void reset() {
    record = 0;
  }

  /** The score in [0, 1) for this surprise; then learns it. */
  double score(double surprise) {
    double ratio = surprise / Math.max(record, floor);
    record = Math.max(surprise, record * decay);
    return ratio / (ratio + 1);
  }
}
