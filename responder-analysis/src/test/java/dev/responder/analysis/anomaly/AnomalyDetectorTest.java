package dev.responder.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  private static final long START = 1_700_000_000_000L;
  private static final long FIVE_MINUTES = 300_000L;
  private static final AnomalyDetector.Settings SETTINGS = AnomalyDetector.Settings.defaults();

  /** A daily sine (5-minute points) with Gaussian noise, seeded. */
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
  void robustSeasonal_staysQuiet_onCleanSeasonalSineWithNoise() {
    double[] s = scores(AnomalyDetector.robustSeasonal(SETTINGS), seasonalSeries(288 * 12, 7));
    assertThat(max(s, 288 * 3, s.length)).isLessThan(0.5);
  }

  @Test
  void robustSeasonal_flagsLevelShift_withinFivePoints() {
    double[] v = seasonalSeries(288 * 8, 11);
    int shift = 288 * 6 + 17;
    for (int i = shift; i < v.length; i++) {
      v[i] += 15;
    }
    double[] s = scores(AnomalyDetector.robustSeasonal(SETTINGS), v);
    assertThat(max(s, 288 * 3, shift)).isLessThan(0.5);
    assertThat(firstAbove(s, shift, 0.5)).isBetween(shift, shift + 5);
  }

  @Test
  void robustSeasonal_flagsSpike_atTheSpike() {
    double[] v = seasonalSeries(288 * 8, 13);
    int spike = 288 * 6 + 100;
    v[spike] += 12;
    double[] s = scores(AnomalyDetector.robustSeasonal(SETTINGS), v);
    assertThat(firstAbove(s, 288 * 3, 0.5)).isEqualTo(spike);
  }

  @Test
  void robustSeasonal_flagsVarianceChange_withinADay() {
    double[] v = seasonalSeries(288 * 8, 17);
    int change = 288 * 6;
    SplittableRandom random = new SplittableRandom(3);
    for (int i = change; i < v.length; i++) {
      v[i] += 6 * gaussian(random);
    }
    double[] s = scores(AnomalyDetector.robustSeasonal(SETTINGS), v);
    assertThat(max(s, 288 * 3, change)).isLessThan(0.5);
    assertThat(firstAbove(s, change, 0.5)).isBetween(change, change + 288);
  }

  @Test
  void changePoint_flagsLevelShift_withinFivePoints() {
    SplittableRandom random = new SplittableRandom(5);
    double[] v = new double[1500];
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 + gaussian(random) + (i >= 1000 ? 8 : 0);
    }
    double[] s = scores(AnomalyDetector.changePoint(SETTINGS), v);
    assertThat(max(s, 300, 1000)).isLessThan(0.5);
    assertThat(firstAbove(s, 1000, 0.5)).isBetween(1000, 1005);
  }

  @Property(tries = 30)
  void everyDetector_scoresInUnitInterval_andIsDeterministic(@ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 3) int which) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[1500];
    for (int i = 0; i < v.length; i++) {
      // Heavy tails, ties and jumps: the inputs most likely to break a scale estimate.
      v[i] = random.nextInt(4) == 0 ? 0 : Math.round(random.nextDouble() * 10) * Math.pow(10, random.nextInt(4));
    }
    String name = AnomalyDetectors.names().get(which);
    double[] first = scores(AnomalyDetectors.create(name), v);
    double[] second = scores(AnomalyDetectors.create(name), v);
    assertThat(first).isEqualTo(second);
    for (double s : first) {
      assertThat(s).isBetween(0.0, 1.0);
    }
  }

  @Test
  void detector_skipsNonFiniteValues_withScoreZero() {
    AnomalyDetector d = AnomalyDetectors.create(AnomalyDetectors.DEFAULT);
    assertThat(d.update(START, Double.NaN)).isZero();
    assertThat(d.update(START, Double.POSITIVE_INFINITY)).isZero();
  }

  @Test
  void ensemble_scoresTheLargestMemberScore() {
    AnomalyDetector e = AnomalyDetector.ensemble(List.of((t, v) -> 0.2, (t, v) -> v / 10, (t, v) -> 0.1));
    assertThat(e.update(START, 7)).isCloseTo(0.7, within(1e-12));
    assertThat(e.update(START, 1)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void registry_rejectsUnknownName_listingKnownNames() {
    assertThatThrownBy(() -> AnomalyDetectors.create("htm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'htm'")
        .hasMessageContaining("robust-seasonal").hasMessageContaining("change-point").hasMessageContaining("ensemble");
  }

  @Test
  void settings_rejectBadValues_namingThem() {
    assertThatThrownBy(() -> new AnomalyDetector.Settings(4, 4, 288, 0, 0, 250, 64))
        .hasMessage("window must be >= 8 but was 4");
  }

  @Test
  void logGamma_matchesFactorials_andGammaOfOneHalf() {
    double logFactorial = 0;
    for (int n = 1; n <= 30; n++) {
      assertThat(ChangePointDetector.logGamma(n)).isCloseTo(logFactorial, within(1e-9));
      logFactorial += Math.log(n);
    }
    assertThat(ChangePointDetector.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
  }
}
