package dev.responder.app.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.responder.core.incident.Incident;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.problem.ProblemRegistry;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDetectionTest {
  private static final Detector.ScanSettings SETTINGS =
      new Detector.ScanSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10));

  @Test
  void scan_opensOneIncidentForAnOngoingProblem_persistsIt_andDoesNotDuplicateItOnARescan(@TempDir Path dir) {
    try (DuckDbDatabase db = Stores.openDuckDb(dir.resolve("t.duckdb"))) {
      TimeWindow window = SimulatedIncident.playInto(ProblemRegistry.standard().get("memory_leak-cart-rca"), 1, 0.02,
          db.telemetry());
      var from = window.from().minus(Duration.ofMinutes(10));

      List<Incident> opened = Detector.scan(db.telemetry(), from, window.to(), SETTINGS, db.incidents());
      List<Incident> again = Detector.scan(db.telemetry(), from, window.to(), SETTINGS, db.incidents());

      assertThat(opened).hasSize(1);
      Incident incident = opened.getFirst();
      assertThat(incident.services()).contains(ServiceId.of("cart"));
      assertThat(incident.timeline()).filteredOn(e -> e.kind().equals("signal")).isNotEmpty()
          .extracting(e -> e.text()).doesNotHaveDuplicates();
      assertThat(again).extracting(Incident::id).containsExactly(incident.id());
      assertThat(db.incidents().list(Set.of(), 10)).extracting(Incident::id).containsExactly(incident.id());
    }
  }

  @Test
  void scan_opensNothingOnAHealthySystem(@TempDir Path dir) {
    try (DuckDbDatabase db = Stores.openDuckDb(dir.resolve("t.duckdb"))) {
      TimeWindow window = SimulatedIncident.playInto(ProblemRegistry.standard().get("no_fault-shop-detection"), 1, 0.02,
          db.telemetry());

      assertThat(Detector.scan(db.telemetry(), window.from().minus(Duration.ofMinutes(10)), window.to(), SETTINGS,
          db.incidents())).isEmpty();
      assertThat(db.incidents().list(Set.of(), 10)).isEmpty();
    }
  }

  @Test
  void scanSettings_rejectAStepLongerThanTheWindow() {
    assertThatThrownBy(() -> new Detector.ScanSettings(Duration.ofMinutes(5), Duration.ofMinutes(6), Duration.ofMinutes(10)))
        .hasMessageContaining("step must be").hasMessageContaining("PT6M");
  }
}
