package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedIncidentsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void aWriterSavingAnOlderCopy_keepsWhatAnotherWriterAddedMeanwhile() {
    try (DuckDbDatabase db = Stores.openDuckDb(null)) {
      SharedIncidents incidents = SharedIncidents.over(db.incidents());
      Incident opened = Incident.open(new IncidentId("INC-1"), "checkout errors", Severity.ERROR, T, "alertmanager:abc",
          Set.of(ServiceId.of("checkout")));
      incidents.save(opened);
      Incident remediatorCopy = incidents.find(opened.id()).orElseThrow();

      Incident withAlert = incidents.find(opened.id()).orElseThrow()
          .record(TimelineEntry.of(T.plusSeconds(60), "alert", "HighErrorRate firing again"));
      incidents.save(withAlert);
      incidents.save(remediatorCopy.moveTo(IncidentState.INVESTIGATING, T.plusSeconds(90), "specialists at work"));

      Incident stored = incidents.find(opened.id()).orElseThrow();
      assertThat(stored.state()).isEqualTo(IncidentState.INVESTIGATING);
      assertThat(stored.timeline()).extracting(TimelineEntry::kind).containsExactly("state", "alert", "state");

      db.incidents().save(remediatorCopy);
      assertThat(db.incidents().find(opened.id()).orElseThrow().timeline())
          .as("the plain repository drops the other writer's entries, which is why SharedIncidents exists").hasSize(1);
    }
  }
}
