package dev.responder.analysis.anomaly;

import java.util.Arrays;

/**
 * Bayesian online change-point detection.
 *
 * <p>Design note: Adams and MacKay, "Bayesian Online Changepoint Detection", arXiv:0710.3742 (2007). The
 * posterior over the current run length r (points since the last change) is updated per point with a
 * constant hazard 1/λ and a Normal-Gamma conjugate model per run (Student-t predictive, Murphy 2007,
 * "Conjugate Bayesian analysis of the Gaussian distribution", §7). Memory is bounded by truncating run
 * lengths at {@code maxRunLength}: the mass and sufficient statistics of longer runs are merged into the
 * last slot, the usual pruning of the original paper's §2.2. Values are standardised by the median and a
 * robust spread of a sliding window so one prior fits every series. The score is the posterior mass on
 * short runs (r below {@link #SHORT_RUN}), i.e. the belief that the series changed in the last few points,
 * less the mass the hazard alone puts there.
 */
final class ChangePointDetector implements AnomalyDetector {
  private static final int SHORT_RUN = 5;
  private static final double KAPPA0 = 1;
  private static final double ALPHA0 = 1;
  private static final double BETA0 = 1;

  private final AnomalyDetector.Settings settings;
  private final SortedWindow window;
  private final double hazard;
  private final int slots;
  private final double[] logGammaRatio;
  private double[] mass;
  private double[] nextMass;
  private double[] mu;
  private double[] nextMu;
  private double[] beta;
  private double[] nextBeta;
  private final double[] kappa;
  private final double[] alpha;
  private long seen;
  private final Suppressor suppressor;

  ChangePointDetector(AnomalyDetector.Settings settings) {
    this.settings = settings;
    this.window = new SortedWindow(settings.window());
    this.hazard = 1 / settings.hazard();
    this.slots = settings.maxRunLength();
    mass = new double[slots];
    nextMass = new double[slots];
    mu = new double[slots];
    nextMu = new double[slots];
    beta = new double[slots];
    nextBeta = new double[slots];
    kappa = new double[slots];
    alpha = new double[slots];
    logGammaRatio = new double[slots];
    for (int r = 0; r < slots; r++) {
      kappa[r] = KAPPA0 + r;
      alpha[r] = ALPHA0 + r / 2.0;
      logGammaRatio[r] = logGamma(alpha[r] + 0.5) - logGamma(alpha[r]);
    }
    mass[0] = 1;
    beta[0] = BETA0;
    this.suppressor = new Suppressor(settings.suppression());
  }

  @Override
  public double update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    seen++;
    if (window.size() < 16) {
      window.add(value);
      return 0;
    }
    double spread = Math.max(window.quantile(0.75) - window.quantile(0.25), 1e-9 * (1 + Math.abs(window.median())));
    double x = Math.max(-30, Math.min(30, (value - window.median()) / (spread / 1.349)));
    window.add(value);
    step(x);
    double shortRuns = 0;
    for (int r = 0; r < SHORT_RUN; r++) {
      shortRuns += mass[r];
    }
    double prior = 1 - Math.pow(1 - hazard, SHORT_RUN);
    double score = Math.max(0, (shortRuns - prior) / (1 - prior));
    if (seen <= settings.warmup()) {
      return 0;
    }
    return suppressor.apply(score);
  }

  private void step(double x) {
    Arrays.fill(nextMass, 0);
    double changeMass = 0;
    double total = 0;
    for (int r = 0; r < slots; r++) {
      if (mass[r] < 1e-300) {
        continue;
      }
      double p = mass[r] * predictive(r, x);
      changeMass += p * hazard;
      int to = Math.min(r + 1, slots - 1);
      double grow = p * (1 - hazard);
      // Merging into the last slot keeps the mass-weighted statistics of the runs it absorbs.
      double newMu = (kappa[r] * mu[r] + x) / (kappa[r] + 1);
      double newBeta = beta[r] + kappa[r] * (x - mu[r]) * (x - mu[r]) / (2 * (kappa[r] + 1));
      if (nextMass[to] > 0) {
        double w = nextMass[to] + grow;
        nextMu[to] = (nextMu[to] * nextMass[to] + newMu * grow) / w;
        nextBeta[to] = (nextBeta[to] * nextMass[to] + newBeta * grow) / w;
      } else {
        nextMu[to] = newMu;
        nextBeta[to] = newBeta;
      }
      nextMass[to] += grow;
      total += p;
    }
    nextMass[0] += changeMass;
    nextMu[0] = 0;
    nextBeta[0] = BETA0;
    double norm = total > 0 ? total : 1;
    for (int r = 0; r < slots; r++) {
      nextMass[r] /= norm;
    }
    if (total <= 0) {
      Arrays.fill(nextMass, 0);
      nextMass[0] = 1;
    }
    double[] t = mass;
    mass = nextMass;
    nextMass = t;
    t = mu;
    mu = nextMu;
    nextMu = t;
    t = beta;
    beta = nextBeta;
    nextBeta = t;
  }

  /** Student-t predictive density of x for run length r. */
  private double predictive(int r, double x) {
    double a = alpha[r];
    double scale2 = beta[r] * (kappa[r] + 1) / (a * kappa[r]);
    double nu = 2 * a;
    double d = x - mu[r];
    double logP = logGammaRatio[r] - 0.5 * Math.log(nu * Math.PI * scale2) - (a + 0.5) * Math.log1p(d * d / (nu * scale2));
    return Math.exp(logP);
  }

  /** Lanczos approximation of ln Γ(x) for x > 0 (Numerical Recipes, 3rd ed., §6.1), accurate to ~1e-15. */
  static double logGamma(double x) {
    double[] c = {57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
        -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
        -0.261908384015814087e-4, 0.368991826595316234e-5};
    double y = x;
    double tmp = x + 5.24218750000000000;
    tmp = (x + 0.5) * Math.log(tmp) - tmp;
    double ser = 0.999999999999997092;
    for (double cj : c) {
      ser += cj / ++y;
    }
    return tmp + Math.log(2.5066282746310005 * ser / x);
  }
}
