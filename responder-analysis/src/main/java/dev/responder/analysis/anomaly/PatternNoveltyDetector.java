package dev.responder.analysis.anomaly;

/**
 * Flags windows of the series whose shape and level have not been seen before.
 *
 * <p>Design note. The idea is ARTime's (M. Hampton, ARTimeNAB 2022, an adaptive-resonance detector): points
 * are down-sampled into blocks, each block keeps its most extreme value (so a one-point spike survives),
 * small wobbles around the running median are snapped to it (ARTime's "chomp"), and a window of
 * {@link #BLOCKS} blocks becomes a feature vector of levels plus a scale-free Haar-wavelet shape (Haar
 * 1910). Instead of fuzzy-ART categories the novelty is the distance to the nearest earlier window that does
 * not overlap the current one (a left discord, as in the matrix profile of Yeh et al. 2016), over a
 * bounded ring of {@link #HISTORY} windows: a window that resonates with anything in the last few days
 * scores low. {@link RecordCalibrator} turns the distance into a per-series score, and {@link Suppressor}
 * damps repeats of one episode.
 */
final class PatternNoveltyDetector implements AnomalyDetector {
  /** Points per block: with eight blocks a window spans 40 points, a few hours of five-minute data. */
  static final int STEP = 5;
  static final int BLOCKS = 8;
  private static final int DIM = 2 * BLOCKS;
  static final int HISTORY = 512;
  private static final double CHOMP = 0.075;
  private static final double HALF_LIFE = 3000;
  private static final double FLOOR = 0.02;
  private static final int WARMUP_WINDOWS = 80;

  private final int step;
  private final int warmup;
  private final double[] history = new double[HISTORY * DIM];
  private final double[] blocks = new double[BLOCKS];
  private final double[] feature = new double[DIM];
  private final double[] shape = new double[BLOCKS];
  private final double[] scratch = new double[BLOCKS];
  private final SortedWindow blockLevels = new SortedWindow(256);
  private final RecordCalibrator calibrator = new RecordCalibrator(HALF_LIFE, FLOOR);
  private final Suppressor suppressor;
  private long seen;
  private long windows;
  private int inBlock;
  private double blockSum;
  private double blockMax;
  private double blockMin;
  private double movingAverage = Double.NaN;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  PatternNoveltyDetector(int step, int warmup, int suppression) {
    this.step = step;
    this.warmup = warmup;
    this.suppressor = new Suppressor(suppression);
  }

  @Override
  public double update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    seen++;
    if (inBlock == 0) {
      blockSum = 0;
      blockMax = value;
      blockMin = value;
    }
    inBlock++;
    blockSum += value;
    blockMax = Math.max(blockMax, value);
    blockMin = Math.min(blockMin, value);
    if (inBlock < step) {
      return 0;
    }
    inBlock = 0;
    double novelty = closeBlock();
    if (Double.isNaN(novelty)) {
      return 0;
    }
    double score = calibrator.score(novelty);
    return seen <= warmup ? 0 : suppressor.apply(score);
  }

  /** Ends a block; returns the window's novelty, or NaN while too little history is known. */
  private double closeBlock() {
    double mean = blockSum / step;
    movingAverage = Double.isNaN(movingAverage) ? mean : (movingAverage + mean) / 2;
    double extreme = Math.abs(blockMax - movingAverage) >= Math.abs(blockMin - movingAverage) ? blockMax : blockMin;
    double range = max - min;
    min = Math.min(min, extreme);
    max = Math.max(max, extreme);
    if (!(range > 0)) {
      range = max - min;
    }
    double level = blockLevels.size() == 0 ? extreme : blockLevels.median();
    blockLevels.add(extreme);
    if (range > 0 && Math.abs(extreme - level) < CHOMP * range) {
      extreme = level;
    }
    System.arraycopy(blocks, 1, blocks, 0, BLOCKS - 1);
    blocks[BLOCKS - 1] = extreme;
    windows++;
    if (windows < BLOCKS || !(range > 0)) {
      return Double.NaN;
    }
    features(range);
    double novelty = nearest();
    System.arraycopy(feature, 0, history, (int) (windows % HISTORY) * DIM, DIM);
    return windows < BLOCKS + WARMUP_WINDOWS ? Double.NaN : novelty;
  }

  /** Levels relative to the running minimum over the running range, then the normalised Haar shape. */
  private void features(double range) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < BLOCKS; i++) {
      feature[i] = (blocks[i] - min) / range;
      lo = Math.min(lo, blocks[i]);
      hi = Math.max(hi, blocks[i]);
    }
    double span = hi - lo;
    double[] x = shape;
    for (int i = 0; i < BLOCKS; i++) {
      x[i] = span > 0 ? (blocks[i] - lo) / span : 0;
    }
    haar(x, scratch);
    lo = Double.POSITIVE_INFINITY;
    hi = Double.NEGATIVE_INFINITY;
    for (double c : x) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
    for (int i = 0; i < BLOCKS; i++) {
      feature[BLOCKS + i] = hi > lo ? (x[i] - lo) / (hi - lo) : 0;
    }
  }

  /** In-place full Haar decomposition of a power-of-two length ({@code tmp} is scratch of the same length): approximation first, then details from coarse to fine. */
  static void haar(double[] x, double[] tmp) {
    for (int n = x.length; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        tmp[i] = (x[2 * i] + x[2 * i + 1]) / Math.sqrt(2);
        tmp[n / 2 + i] = (x[2 * i] - x[2 * i + 1]) / Math.sqrt(2);
      }
      System.arraycopy(tmp, 0, x, 0, n);
    }
  }

  /** Mean absolute difference to the closest stored window that does not overlap the current one. */
  private double nearest() {
    long newest = windows - BLOCKS;
    long oldest = Math.max(BLOCKS, windows - HISTORY + 1);
    double best = Double.POSITIVE_INFINITY;
    for (long w = oldest; w <= newest; w++) {
      int base = (int) (w % HISTORY) * DIM;
      double d = 0;
      for (int k = 0; k < DIM && d < best; k++) {
        d += Math.abs(feature[k] - history[base + k]);
      }
      best = Math.min(best, d);
    }
    return best == Double.POSITIVE_INFINITY ? Double.NaN : best / DIM;
  }
}
