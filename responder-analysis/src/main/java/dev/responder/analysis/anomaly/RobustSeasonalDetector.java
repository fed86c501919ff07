package dev.responder.analysis.anomaly;

/**
 * Robust seasonal baseline with CUSUM shift accumulation.
 *
 * <p>Design note. The baseline is the median of a sliding window (robust location, Hampel 1974) plus, when
 * it explains the series better, a daily profile of per-phase medians of past days' deviations (the
 * seasonal-median idea of STL's robust variant, Cleveland et al. 1990, and of Twitter's Seasonal Hybrid
 * ESD, Hochenbaum et al. 2017). Residuals are scaled by a robust spread of recent residuals (quantiles of
 * |r| mapped to a Gaussian sigma), so the score adapts to variance changes. Sustained deviations are
 * accumulated by a two-sided CUSUM (Page 1954) on the scaled residuals; when it passes a confirmation
 * level the baseline is re-anchored on the newest points, so a level shift is flagged at its onset and
 * then learned instead of being flagged for a whole window. The surprise is the larger of the point's
 * scaled residual and half the CUSUM; {@link RecordCalibrator} divides it by the series' own recent record
 * surprise, so only deviations beyond what this series usually does score above 0.5, and {@link Suppressor}
 * damps repeats within one episode.
 */
final class RobustSeasonalDetector implements AnomalyDetector {
  private static final double CUSUM_SLACK = 1.0;
  private static final double CONFIRM = 24.0;
  /** Half-life of the per-series record surprise, in points (about four weeks of five-minute data). */
  private static final double HALF_LIFE = 8000;
  /** Smallest reference surprise: below four robust sigmas nothing counts as a record. */
  private static final double FLOOR = 4;
  private static final int RECENT = 16;

  private final AnomalyDetector.Settings settings;
  private final SortedWindow level;
  private final SortedWindow absLevelResidual;
  private final SortedWindow absSeasonResidual;
  private final SeasonalProfile season;
  private final double[] recent = new double[RECENT];
  private long seen;
  private double errLevel;
  private double errSeason;
  private double up;
  private double down;
  private boolean seasonalSeen;
  private final Suppressor suppressor;
  private final RecordCalibrator calibrator = new RecordCalibrator(HALF_LIFE, FLOOR);

  RobustSeasonalDetector(AnomalyDetector.Settings settings) {
    this.settings = settings;
    this.level = new SortedWindow(settings.window());
    this.absLevelResidual = new SortedWindow(settings.window());
    this.absSeasonResidual = new SortedWindow(settings.window());
    this.season = new SeasonalProfile(settings.phaseBuckets(), settings.seasonDays());
    this.suppressor = new Suppressor(settings.suppression());
  }

  @Override
  public double update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    recent[(int) (seen % RECENT)] = value;
    seen++;
    if (level.size() < 8) {
      level.add(value);
      return 0;
    }
    double median = level.median();
    double rLevel = value - median;
    double seasonal = season.predict(epochMillis);
    double rSeason = Double.isNaN(seasonal) ? Double.NaN : value - seasonal;
    boolean useSeason = !Double.isNaN(rSeason) && absSeasonResidual.size() >= 32 && errSeason < 0.8 * errLevel;
    if (useSeason && !seasonalSeen) {
      // The record so far was set while a seasonal series was judged against a flat baseline.
      seasonalSeen = true;
      calibrator.reset();
    }
    double z = useSeason ? rSeason / scale(absSeasonResidual) : rLevel / scale(absLevelResidual);
    z = Math.max(-50, Math.min(50, z));
    up = Math.max(0, up + z - CUSUM_SLACK);
    down = Math.max(0, down - z - CUSUM_SLACK);
    double surprise = Math.max(Math.abs(z), Math.max(up, down) / 2);

    learn(epochMillis, value, median, rLevel, rSeason);
    if (Math.max(up, down) > CONFIRM) {
      reanchor();
    }
    if (seen <= settings.warmup()) {
      return 0;
    }
    return suppressor.apply(calibrator.score(surprise));
  }

  private void learn(long epochMillis, double value, double median, double rLevel, double rSeason) {
    level.add(value);
    absLevelResidual.add(Math.abs(rLevel));
    errLevel += 0.02 * (Math.abs(rLevel) - errLevel);
    if (!Double.isNaN(rSeason)) {
      absSeasonResidual.add(Math.abs(rSeason));
      errSeason += 0.02 * (Math.abs(rSeason) - errSeason);
    } else {
      errSeason = errLevel;
    }
    season.add(epochMillis, value);
  }

  /** A confirmed shift: the old level no longer describes the series, so start from the newest points. */
  private void reanchor() {
    level.clear();
    int n = (int) Math.min(RECENT, seen);
    for (int i = n; i >= 1; i--) {
      level.add(recent[(int) ((seen - i) % RECENT)]);
    }
    up = 0;
    down = 0;
  }

  /** A Gaussian-equivalent sigma from quantiles of |residual|, robust to ties at zero in count data. */
  static double scale(SortedWindow absResiduals) {
    if (absResiduals.size() == 0) {
      return 1;
    }
    double s = Math.max(absResiduals.quantile(0.5) / 0.6745,
        Math.max(absResiduals.quantile(0.75) / 1.1503, absResiduals.quantile(0.9) / 1.6449));
    return s > 1e-12 ? s : 1e-12;
  }
}
