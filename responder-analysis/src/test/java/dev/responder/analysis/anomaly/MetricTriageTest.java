package dev.responder.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.responder.analysis.anomaly.MetricTriage.Direction;
import dev.responder.analysis.anomaly.MetricTriage.MetricDeviation;
import dev.responder.analysis.anomaly.MetricTriage.MetricSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricTriageTest {

  private static double[] noisy(SplittableRandom r, int n, double mean, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + sd * (r.nextDouble() - 0.5) * 3.4;
    }
    return v;
  }

  @Test
  void triage_ranksShiftedMetricsFirst_withDirection() {
    SplittableRandom r = new SplittableRandom(1);
    List<MetricSample> metrics = List.of(
        new MetricSample("cpu", noisy(r, 120, 40, 2), noisy(r, 10, 41, 2)),
        new MetricSample("latency_p99", noisy(r, 120, 200, 10), noisy(r, 10, 450, 10)),
        new MetricSample("requests", noisy(r, 120, 1000, 30), noisy(r, 10, 700, 30)));
    List<MetricDeviation> top = MetricTriage.rank(metrics, 2);
    assertThat(top).extracting(MetricDeviation::metric).containsExactly("latency_p99", "requests");
    assertThat(top).extracting(MetricDeviation::direction).containsExactly(Direction.UP, Direction.DOWN);
    assertThat(top.get(0).score()).isGreaterThan(top.get(1).score()).isGreaterThan(5);
  }

  @Test
  void triage_ignoresOneWildPoint_inTheWindow() {
    double[] base = {10, 11, 9, 10, 12, 8, 10, 11, 9, 10};
    MetricDeviation d = MetricTriage.deviation(new MetricSample("m", base, new double[] {10, 10, 1e6, 11, 9}));
    assertThat(d.score()).isLessThan(1);
  }

  @Test
  void deviation_isRobustZOfWindowMedian_againstHandComputedValue() {
    // baseline median 5, |dev| = 4,3,2,1,0,1,2,3,4 -> MAD 2, sigma 2.9652; IQR 3..7 -> 4/1.349 = 2.965
    double[] base = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    MetricDeviation d = MetricTriage.deviation(new MetricSample("m", base, new double[] {14, 15, 16}));
    assertThat(d.baselineSigma()).isCloseTo(Math.max(1.4826 * 2, 4 / 1.349), within(1e-9));
    assertThat(d.score()).isCloseTo(10 / d.baselineSigma(), within(1e-9));
  }

  @Test
  void triage_rejectsEmptyWindow_namingTheMetric() {
    assertThatThrownBy(() -> new MetricSample("qps", new double[] {1}, new double[] {Double.NaN}))
        .hasMessageContaining("window of metric qps");
  }

  @Test
  void triage_breaksTiesByName_andCapsAtK() {
    double[] same = {1, 2, 3};
    List<MetricDeviation> top = MetricTriage.rank(List.of(new MetricSample("b", same, same),
        new MetricSample("a", same, same)), 5);
    assertThat(top).extracting(MetricDeviation::metric).containsExactly("a", "b");
    assertThat(top).allSatisfy(d -> assertThat(d.direction()).isEqualTo(Direction.NONE));
  }
}
