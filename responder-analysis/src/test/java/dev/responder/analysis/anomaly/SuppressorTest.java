package dev.responder.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuppressorTest {

  @Test
  void suppressor_dampsWeakerRepeats_thenLetsStrongerOnesThrough() {
    Suppressor s = new Suppressor(3);
    assertThat(s.apply(0.6)).isEqualTo(0.6);
    assertThat(s.apply(0.55)).isEqualTo(0.275);
    assertThat(s.apply(0.7)).isEqualTo(0.7);
    assertThat(s.apply(0.6)).isEqualTo(0.3);
  }

  @Test
  void suppressor_forgetsAfterItsHorizon() {
    Suppressor s = new Suppressor(2);
    s.apply(0.9);
    s.apply(0.1);
    s.apply(0.1);
    assertThat(s.apply(0.6)).isEqualTo(0.6);
  }

  @Test
  void calibrator_scoresHalf_atTheSeriesRecord() {
    RecordCalibrator c = new RecordCalibrator(1e12, 4);
    assertThat(c.score(2)).isEqualTo(2.0 / 6);
    assertThat(c.score(8)).isEqualTo(2.0 / 3);
    assertThat(c.score(8)).isEqualTo(0.5);
  }
}
