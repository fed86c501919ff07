package dev.responder.analysis.rca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RobustTest {
  @Property
  void median_equalsTheMiddleOfASortedCopy(@ForAll @Size(min = 1, max = 50) double @DoubleRange(min = -1e6, max = 1e6) [] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assertThat(Robust.median(values)).isEqualTo(expected);
  }

  @Test
  void mad_ignoresASingleOutlier() {
    double[] v = {10, 11, 9, 10, 12, 8, 10, 1000};
    assertThat(Robust.mad(v, Robust.median(v))).isEqualTo(1.0);
  }

  @Test
  void templateKey_masksNumbersAndIds_keepsWords() {
    assertThat(LogSignal.templateKey("user 42 logged  in from 10.0.0.7 trace 4bf92f3577b34da6a3ce929d0e0e4736"))
        .isEqualTo("user <*> logged in from <*> trace <*>");
  }
}
