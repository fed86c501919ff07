package dev.responder.analysis.anomaly;

/**
 * The residual detector and the pattern-novelty detector side by side, with one shared suppressor.
 *
 * <p>Design note. The two see different anomalies: {@link RobustSeasonalDetector} flags values far from a
 * robust (seasonal) baseline and level shifts at their onset; {@link PatternNoveltyDetector} flags windows
 * whose shape has not been seen lately (ARTime's idea, Hampton 2022), which catches changes of spike rate or
 * rhythm that leave every single value ordinary. Both are calibrated against their own record surprise, so
 * their scores share one scale and the larger one is taken. The members do not suppress on their own: one
 * {@link Suppressor} over the combined score charges an episode once, whichever member saw it first (NAB
 * counts the earliest detection in a window and charges every alert outside one).
 */
final class ResonanceDetector implements AnomalyDetector {
  private final AnomalyDetector residual;
  private final AnomalyDetector pattern;
  private final Suppressor suppressor;

  ResonanceDetector(AnomalyDetector.Settings settings) {
    AnomalyDetector.Settings quiet = new AnomalyDetector.Settings(settings.window(), settings.seasonDays(),
        settings.phaseBuckets(), settings.warmup(), 0, settings.hazard(), settings.maxRunLength());
    this.residual = new RobustSeasonalDetector(quiet);
    this.pattern = new PatternNoveltyDetector(PatternNoveltyDetector.STEP, settings.warmup(), 0);
    this.suppressor = new Suppressor(settings.suppression());
  }

  @Override
  public double update(long epochMillis, double value) {
    double a = residual.update(epochMillis, value);
    double b = pattern.update(epochMillis, value);
    return suppressor.apply(Math.max(a, b));
  }
}
