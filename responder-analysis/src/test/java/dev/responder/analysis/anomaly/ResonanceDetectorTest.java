package dev.responder.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ResonanceDetectorTest {
  private static final long START = 1_700_000_000_000L;
  private static final long FIVE_MINUTES = 300_000L;
  private static final AnomalyDetector.Settings SETTINGS = AnomalyDetector.Settings.defaults();

  private static double[] seasonalSeries(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + gaussian(random);
    }
    return v;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double[] scores(AnomalyDetector d, double[] values) {
    double[] s = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      s[i] = d.update(START + i * FIVE_MINUTES, values[i]);
    }
    return s;
  }

  private static int firstAbove(double[] scores, int from, double level) {
    for (int i = from; i < scores.length; i++) {
      if (scores[i] > level) {
        return i;
      }
    }
    return -1;
  }

  private static double max(double[] s, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, s[i]);
    }
    return m;
  }

  @Test
  void registry_defaultIsResonance() {
    assertThat(AnomalyDetectors.DEFAULT).isEqualTo("resonance");
    assertThat(AnomalyDetectors.names()).contains("resonance", "robust-seasonal", "change-point", "ensemble");
  }

  /**
   * After the learning days, clean noise only ever ties its own record (a ratio near 1 scores near 0.5); a
   * real anomaly scores clearly above that.
   */
  private static final double QUIET = 0.55;

  @Test
  void resonance_staysQuiet_onCleanSeasonalSineWithNoise() {
    double[] s = scores(AnomalyDetector.resonance(SETTINGS), seasonalSeries(288 * 12, 7));
    assertThat(max(s, 288 * 3, s.length)).isLessThan(QUIET);
  }

  @Test
  void resonance_flagsLevelShift_withinFivePoints() {
    double[] v = seasonalSeries(288 * 8, 11);
    int shift = 288 * 6 + 17;
    for (int i = shift; i < v.length; i++) {
      v[i] += 15;
    }
    double[] s = scores(AnomalyDetector.resonance(SETTINGS), v);
    assertThat(max(s, 288 * 3, shift)).isLessThan(QUIET);
    assertThat(firstAbove(s, shift, QUIET)).isBetween(shift, shift + 5);
  }

  @Test
  void resonance_chargesAnEpisodeOnce_withinTheSuppressionHorizon() {
    double[] v = seasonalSeries(288 * 8, 13);
    int spike = 288 * 6 + 100;
    v[spike] += 12;
    double[] s = scores(AnomalyDetector.resonance(SETTINGS), v);
    assertThat(firstAbove(s, 288 * 3, QUIET)).isEqualTo(spike);
    assertThat(max(s, spike + 1, spike + SETTINGS.suppression())).isLessThan(s[spike]);
  }

  @Test
  void patternNovelty_flagsRiseInSpikeRate_thatNoSingleValueReveals() {
    // Equal spikes every 40 points, then every 8: each value has been seen, the rhythm has not.
    double[] v = new double[4000];
    SplittableRandom random = new SplittableRandom(21);
    int change = 3000;
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 + 0.2 * gaussian(random) + (i % (i < change ? 40 : 8) == 0 ? 20 : 0);
    }
    double[] s = scores(new PatternNoveltyDetector(PatternNoveltyDetector.STEP, 200, 96), v);
    assertThat(max(s, 1000, change)).isLessThan(0.5);
    assertThat(firstAbove(s, change, 0.5)).isBetween(change, change + 80);
  }

  @Property(tries = 20)
  void patternNovelty_scoresInUnitInterval_andIsDeterministic(@ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[2000];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(5) == 0 ? 0 : Math.round(random.nextDouble() * 10) * Math.pow(10, random.nextInt(3));
    }
    double[] first = scores(new PatternNoveltyDetector(PatternNoveltyDetector.STEP, 200, 96), v);
    double[] second = scores(new PatternNoveltyDetector(PatternNoveltyDetector.STEP, 200, 96), v);
    assertThat(first).isEqualTo(second);
    for (double s : first) {
      assertThat(s).isBetween(0.0, 1.0);
    }
  }

  @Test
  void haar_matchesTheDirectSumsOfTheOrthonormalBasis() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
    double[] h = x.clone();
    PatternNoveltyDetector.haar(h, new double[8]);
    double sum = 0;
    for (double d : x) {
      sum += d;
    }
    assertThat(h[0]).isCloseTo(sum / Math.sqrt(8), within(1e-12));
    assertThat(h[1]).isCloseTo((3 + 1 + 4 + 1 - 5 - 9 - 2 - 6) / Math.sqrt(8), within(1e-12));
    assertThat(h[2]).isCloseTo((3 + 1 - 4 - 1) / 2.0, within(1e-12));
    assertThat(h[4]).isCloseTo((3 - 1) / Math.sqrt(2), within(1e-12));
    assertThat(h[7]).isCloseTo((2 - 6) / Math.sqrt(2), within(1e-12));
  }
}
