package dev.responder.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SortedWindowTest {

  /** The obviously correct reference: sort the last {@code capacity} values from scratch. */
  private static double naiveQuantile(List<Double> history, int capacity, double q) {
    double[] last = history.subList(Math.max(0, history.size() - capacity), history.size()).stream()
        .mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = q * (last.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, last.length - 1);
    return last[lo] + (last[hi] - last[lo]) * (pos - lo);
  }

  @Property(tries = 200)
  void window_quantilesMatchNaiveSortOfLastValues(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = -50, max = 50) Integer> values,
      @ForAll @IntRange(min = 1, max = 40) int capacity) {
    SortedWindow w = new SortedWindow(capacity);
    List<Double> history = new ArrayList<>();
    for (int v : values) {
      w.add(v);
      history.add((double) v);
      assertThat(w.size()).isEqualTo(Math.min(history.size(), capacity));
      for (double q : new double[] {0, 0.25, 0.5, 0.9, 1}) {
        assertThat(w.quantile(q)).isCloseTo(naiveQuantile(history, capacity, q), within(1e-9));
      }
    }
    assertThat(w.recent(0)).isEqualTo((double) values.getLast());
  }

  @Property(tries = 50)
  void window_neverHoldsMoreThanItsCapacity(@ForAll @Size(min = 1, max = 2000) List<Double> values,
      @ForAll @IntRange(min = 1, max = 64) int capacity) {
    SortedWindow w = new SortedWindow(capacity);
    values.stream().filter(v -> !v.isNaN()).forEach(w::add);
    assertThat(w.size()).isLessThanOrEqualTo(capacity);
    double[] sorted = w.sortedCopy();
    assertThat(sorted).isSorted();
    assertThat(Arrays.stream(sorted).count()).isEqualTo(w.size());
  }
}
