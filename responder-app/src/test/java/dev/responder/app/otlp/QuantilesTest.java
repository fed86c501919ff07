package dev.responder.app.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.responder.app.otlp.SeriesMemory.ExpBuckets;
import dev.responder.app.otlp.SeriesMemory.ExpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  private static final ExpRange NONE = new ExpRange(0, new long[0]);

  @Test
  void explicit_interpolatesLinearlyWithinTheBucket_likePrometheus() {
    double[] bounds = {0, 5, 10, 25, 50};
    long[] counts = {0, 2, 4, 3, 1, 0};

    assertThat(Quantiles.explicit(0.5, bounds, counts)).isEqualTo(8.75);
    assertThat(Quantiles.explicit(0.2, bounds, counts)).isEqualTo(5.0);
    assertThat(Quantiles.explicit(0.95, bounds, counts)).isCloseTo(37.5, within(1e-9));
  }

  @Test
  void explicit_returnsHighestBound_forRankInOverflowBucket_andNaNWhenEmpty() {
    assertThat(Quantiles.explicit(0.99, new double[] {1, 2}, new long[] {1, 0, 9})).isEqualTo(2.0);
    assertThat(Quantiles.explicit(0.5, new double[] {1, 2}, new long[] {0, 0, 0})).isNaN();
    assertThat(Quantiles.explicit(0.5, new double[0], new long[] {4})).isNaN();
  }

  @Test
  void explicit_returnsFirstBound_whenItIsNotPositive() {
    assertThat(Quantiles.explicit(0.5, new double[] {-1, 3}, new long[] {5, 1, 0})).isEqualTo(-1.0);
  }

  @Test
  void explicit_agreesWithSlowReference_atEveryIntegerRank() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      double[] bounds = randomBounds(random);
      long[] counts = new long[bounds.length + 1];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = random.nextInt(4);
      }
      List<Double> reference = explicitReference(bounds, counts);
      for (int k = 1; k <= reference.size(); k++) {
        double q = (double) k / reference.size();
        assertThat(Quantiles.explicit(q, bounds, counts)).as("round %d rank %d", round, k)
            .isCloseTo(reference.get(k - 1), within(1e-6));
      }
    }
  }

  @Test
  void exponential_walksNegativeZeroAndPositiveBucketsInOrder() {
    ExpRange negative = new ExpRange(0, new long[] {0, 2}); // 2 values in [-4,-2)
    ExpRange positive = new ExpRange(1, new long[] {4});    // 4 values in (2,4]

    assertThat(Quantiles.exponential(0.1, 0, 0, 2, positive, negative)).isCloseTo(-3.2, within(1e-9));
    assertThat(Quantiles.exponential(0.3, 0, 0, 2, positive, negative)).isEqualTo(0.0);
    assertThat(Quantiles.exponential(0.75, 0, 0, 2, positive, negative)).isEqualTo(3.0);
  }

  @Test
  void exponential_usesBaseOfItsScale() {
    ExpRange positive = new ExpRange(2, new long[] {1}); // scale 1: base sqrt(2), bucket (2, 2*sqrt(2)]

    assertThat(Quantiles.exponential(1.0, 1, 0, 0, positive, NONE)).isCloseTo(2 * Math.sqrt(2), within(1e-9));
    assertThat(Quantiles.exponential(0.5, -1, 0, 0, new ExpRange(1, new long[] {2}), NONE))
        .isCloseTo(10.0, within(1e-9)); // scale -1: base 4, bucket (4,16]
  }

  @Test
  void downscale_mergesBucketsByFlooringTheirIndex() {
    ExpRange positive = DistributionConverter.downscale(new ExpRange(0, new long[] {1, 1, 2, 2}), 1);
    ExpRange negative = DistributionConverter.downscale(new ExpRange(-3, new long[] {1, 1, 1}), 1);

    assertThat(positive.offset()).isZero();
    assertThat(positive.counts()).containsExactly(2, 4);
    assertThat(negative.offset()).isEqualTo(-2);
    assertThat(negative.counts()).containsExactly(1, 2);
  }

  @Test
  void difference_bringsPreviousPointToTheLowerScale_beforeSubtracting() {
    ExpBuckets before = new ExpBuckets(1, 0, 6, 20, 1, 0, new ExpRange(0, new long[] {1, 1, 2, 2}), NONE);
    ExpBuckets now = new ExpBuckets(2, 0, 9, 35, 0, 0, new ExpRange(0, new long[] {3, 4, 2}), NONE);

    ExpBuckets interval = DistributionConverter.difference(now, before);

    assertThat(interval.count()).isEqualTo(3);
    assertThat(interval.sum()).isEqualTo(15.0);
    assertThat(interval.positive().counts()).containsExactly(1, 0, 2);
    assertThat(DistributionConverter.difference(before, now)).as("higher scale later means a reset").isNull();
  }

  private static double[] randomBounds(Random random) {
    double[] bounds = new double[1 + random.nextInt(6)];
    double b = random.nextDouble();
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = b;
      b += 0.5 + random.nextInt(100);
    }
    return bounds;
  }

  /** Spreads each bucket's observations evenly to its upper end; overflow ones sit at the highest bound. */
  private static List<Double> explicitReference(double[] bounds, long[] counts) {
    List<Double> values = new ArrayList<>();
    for (int b = 0; b < counts.length; b++) {
      for (int k = 1; k <= counts[b]; k++) {
        if (b == bounds.length) {
          values.add(bounds[bounds.length - 1]);
        } else {
          double lower = b == 0 ? 0 : bounds[b - 1];
          values.add(lower + (bounds[b] - lower) * k / counts[b]);
        }
      }
    }
    return values;
  }
}
