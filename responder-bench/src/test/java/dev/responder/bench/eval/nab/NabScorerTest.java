package dev.responder.bench.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.responder.bench.eval.nab.NabScorer.Profile;
import dev.responder.bench.eval.nab.NabScorer.ProfileScore;
import dev.responder.bench.eval.nab.NabScorer.ScoredSeries;
import dev.responder.bench.eval.nab.NabScorer.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NabScorerTest {
  private static final Profile STANDARD = new Profile("standard", 1, 0.11, 1);
  private static final Profile LOW_FN = new Profile("reward_low_FN_rate", 1, 0.11, 2);

  /**
   * The obviously correct slow reference: for one threshold, score each series by NAB's rules row by row
   * (earliest detection per window, FP cost by distance after the previous window, FN per missed window).
   */
  private static double slowScore(List<ScoredSeries> corpus, Profile p, double threshold) {
    double total = 0;
    for (ScoredSeries s : corpus) {
      int n = s.scores().length;
      int probation = NabScorer.probationLength(n);
      for (Window w : s.windows()) {
        if (w.end() < probation) {
          continue;
        }
        int first = -1;
        for (int i = Math.max(w.start(), probation); i <= w.end() && first < 0; i++) {
          if (s.scores()[i] >= threshold) {
            first = i;
          }
        }
        total += first < 0 ? -p.fnWeight()
            : p.tpWeight() * NabScorer.scaledSigmoid(-(w.end() - first + 1) / (double) w.width()) / NabScorer.scaledSigmoid(-1);
      }
      for (int i = probation; i < n; i++) {
        final int row = i;
        if (s.scores()[i] < threshold || s.windows().stream().anyMatch(w -> w.start() <= row && row <= w.end())) {
          continue;
        }
        Window previous = null;
        for (Window w : s.windows()) {
          if (w.end() < i) {
            previous = w;
          }
        }
        total += previous == null ? -p.fpWeight()
            : p.fpWeight() * NabScorer.scaledSigmoid((i - previous.end()) / (double) (previous.width() - 1));
      }
    }
    return total;
  }

  private static List<ScoredSeries> randomCorpus(SplittableRandom r) {
    List<ScoredSeries> corpus = new ArrayList<>();
    for (int s = 0; s < 1 + r.nextInt(4); s++) {
      int n = 40 + r.nextInt(200);
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] = Math.round(r.nextDouble() * 20) / 20.0;
      }
      List<Window> windows = new ArrayList<>();
      int at = NabScorer.probationLength(n) + r.nextInt(10);
      while (at + 3 < n && windows.size() < 3) {
        int end = Math.min(n - 1, at + 2 + r.nextInt(20));
        windows.add(new Window(at, end));
        at = end + 2 + r.nextInt(40);
      }
      corpus.add(new ScoredSeries("s" + s, scores, windows));
    }
    return corpus;
  }

  @Test
  void sweep_matchesSlowReference_atTheBestThreshold() {
    SplittableRandom r = new SplittableRandom(2024);
    for (int trial = 0; trial < 200; trial++) {
      List<ScoredSeries> corpus = randomCorpus(r);
      for (Profile p : List.of(STANDARD, LOW_FN)) {
        TreeSet<Double> thresholds = new TreeSet<>();
        corpus.forEach(s -> {
          for (double v : s.scores()) {
            thresholds.add(v);
          }
        });
        double best = slowScore(corpus, p, Double.POSITIVE_INFINITY);
        for (double t : thresholds) {
          best = Math.max(best, slowScore(corpus, p, t));
        }
        ProfileScore fast = NabScorer.score(corpus, p);
        assertThat(fast.raw()).isCloseTo(best, within(1e-9));
        assertThat(slowScore(corpus, p, fast.threshold())).isCloseTo(best, within(1e-9));
      }
    }
  }

  @Test
  void scaledSigmoid_hasNabsValues_atEdgesAndBeyond() {
    assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(0)).isZero();
    assertThat(NabScorer.scaledSigmoid(1)).isCloseTo(-0.98661, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(3)).isEqualTo(-1.0);
  }

  @Test
  void perfectAndNullDetectors_scoreHundredAndZero() {
    int n = 1000;
    List<Window> windows = List.of(new Window(300, 349), new Window(700, 759));
    double[] perfect = new double[n];
    perfect[300] = 1;
    perfect[700] = 1;
    ScoredSeries s = new ScoredSeries("a", perfect, windows);
    assertThat(NabScorer.score(List.of(s), STANDARD).normalised()).isCloseTo(100, within(1e-9));
    ScoredSeries silent = new ScoredSeries("b", new double[n], windows);
    assertThat(NabScorer.score(List.of(silent), STANDARD).normalised()).isCloseTo(0, within(1e-9));
    assertThat(NabScorer.score(List.of(silent), LOW_FN).nullScore()).isEqualTo(-4);
  }

  @Test
  void detectionsInProbation_areIgnored() {
    double[] scores = new double[1000];
    scores[10] = 1;
    ProfileScore p = NabScorer.score(List.of(new ScoredSeries("a", scores, List.of())), STANDARD);
    assertThat(p.raw()).isZero();
    assertThat(NabScorer.probationLength(1000)).isEqualTo(150);
    assertThat(NabScorer.probationLength(15_902)).isEqualTo(750);
  }
}
