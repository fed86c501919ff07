package dev.responder.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.error.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateCountsTest {
  private static final long MINUTE = 60_000;

  @Test
  void counts_perTemplatePerBucket() {
    TemplateCounts counts = TemplateCounts.create(MINUTE, 10);
    counts.add(5_000, 1);
    counts.add(59_999, 1);
    counts.add(60_000, 1);

    assertThat(counts.count(1, 0)).isEqualTo(2);
    assertThat(counts.count(1, MINUTE)).isEqualTo(1);
    assertThat(counts.bucketStart(-1)).isEqualTo(-MINUTE);
  }

  @Test
  void signals_rankNewTemplatesAndSpikes_aboveSteadyOnes() {
    TemplateCounts counts = TemplateCounts.create(MINUTE, 100);
    for (int m = 0; m < 10; m++) {
      counts.add(m * MINUTE, 1, 10); // steady
      counts.add(m * MINUTE, 2, 2);  // will spike
    }
    counts.add(10 * MINUTE, 1, 10);
    counts.add(10 * MINUTE, 2, 40);
    counts.add(10 * MINUTE, 3, 5);  // new

    List<TemplateCounts.Signal> signals = counts.signals(new TemplateCounts.Range(0, 10 * MINUTE),
        new TemplateCounts.Range(10 * MINUTE, 11 * MINUTE), 3.0, 10);

    assertThat(signals).extracting(TemplateCounts.Signal::templateId).containsExactly(2, 3);
    assertThat(signals).extracting(TemplateCounts.Signal::kind)
        .containsExactly(TemplateCounts.Kind.SPIKE, TemplateCounts.Kind.NEW);
    assertThat(signals.getFirst().expected()).isCloseTo(2.05, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void counts_areBounded_droppingOldestBuckets() {
    TemplateCounts counts = TemplateCounts.create(MINUTE, 3);
    for (int m = 0; m < 5; m++) {
      counts.add(m * MINUTE, 1);
    }
    counts.add(0, 1);

    assertThat(counts.buckets()).extracting(TemplateCounts.Bucket::startMillis)
        .containsExactly(2 * MINUTE, 3 * MINUTE, 4 * MINUTE);
  }

  @Test
  void create_rejectsBadBucket_namingTheValue() {
    assertThatThrownBy(() -> TemplateCounts.create(0, 3))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bucketMillis must be >= 1 but was 0");
  }
}
