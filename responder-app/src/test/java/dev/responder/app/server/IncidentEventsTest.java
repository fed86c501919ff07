package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.server.IncidentEvents.Event;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final IncidentId INC = new IncidentId("INC-1");

  private DuckDbDatabase db;
  private IncidentEvents events;
  private IncidentRepository incidents;
  private ApprovalRepository approvals;
  private final List<Event> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    db = Stores.openDuckDb(null);
    events = new IncidentEvents(InstantSource.fixed(NOW));
    incidents = events.observe(db.incidents());
    approvals = events.observe(db.approvals());
    events.subscribe(seen::add);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private static Incident opened() {
    return Incident.open(INC, "checkout errors", Severity.ERROR, T0, "sig-1", Set.of(ServiceId.of("checkout")));
  }

  private static Approval pending(String id) {
    Action restart = new Action(ActionKind.RESTART, ServiceId.of("payment"), Map.of(), Risk.LOW, Reversibility.REVERSIBLE,
        "clear pool");
    return Approval.request(id, INC, restart, "restart payment", T0.plusSeconds(180));
  }

  private List<String> types() {
    return seen.stream().map(Event::type).toList();
  }

  @Test
  void firstSave_publishesOpenedThenUpdated_andStoresTheIncident() {
    incidents.save(opened());

    assertThat(types()).containsExactly("incident.opened", "incident.updated");
    assertThat(seen).allSatisfy(e -> {
      assertThat(e.incidentId()).isEqualTo("INC-1");
      assertThat(e.at()).isEqualTo(NOW);
      assertThat(e.data().get("id").asText()).isEqualTo("INC-1");
      assertThat(e.data().get("state").asText()).isEqualTo("DETECTED");
      assertThat(e.data().get("timeline_size").asInt()).isEqualTo(1);
    });
    assertThat(db.incidents().find(INC)).isPresent();
  }

  @Test
  void saveWithoutStateChange_publishesOnlyUpdated() {
    incidents.save(opened());
    seen.clear();

    incidents.save(opened().record(new TimelineEntry(T0.plusSeconds(5), "note", "looking", Map.of())));

    assertThat(types()).containsExactly("incident.updated");
    assertThat(seen.getFirst().data().get("timeline_size").asInt()).isEqualTo(2);
  }

  @Test
  void stateChange_publishesUpdatedThenStateChanged_withFromAndTo() {
    incidents.save(opened());
    seen.clear();

    incidents.save(opened().moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    assertThat(types()).containsExactly("incident.updated", "incident.state_changed");
    JsonNode data = seen.get(1).data();
    assertThat(data.get("from").asText()).isEqualTo("DETECTED");
    assertThat(data.get("to").asText()).isEqualTo("INVESTIGATING");
    assertThat(data.get("state").asText()).isEqualTo("INVESTIGATING");
    assertThat(seen.getFirst().data().has("from")).isFalse();
  }

  @Test
  void newPendingApproval_publishesRequested_andResavingItPublishesNothing() {
    approvals.save(pending("APR-1"));
    approvals.save(pending("APR-1"));

    assertThat(types()).containsExactly("approval.requested");
    Event e = seen.getFirst();
    assertThat(e.incidentId()).isEqualTo("INC-1");
    assertThat(e.data().get("id").asText()).isEqualTo("APR-1");
    assertThat(e.data().get("state").asText()).isEqualTo("PENDING");
    assertThat(e.data().has("decided_by")).isFalse();
  }

  @Test
  void decision_publishesDecidedOnce_evenWhenTheDecidedApprovalIsSavedTwice() {
    approvals.save(pending("APR-1"));
    Approval approved = pending("APR-1").decide(Approval.State.APPROVED, "alice", NOW, "go");

    approvals.save(approved);
    approvals.save(approved);

    assertThat(types()).containsExactly("approval.requested", "approval.decided");
    JsonNode data = seen.get(1).data();
    assertThat(data.get("state").asText()).isEqualTo("APPROVED");
    assertThat(data.get("decided_by").asText()).isEqualTo("alice");
    assertThat(data.get("comment").asText()).isEqualTo("go");
    assertThat(db.approvals().find("APR-1").orElseThrow().state()).isEqualTo(Approval.State.APPROVED);
  }

  @Test
  void ids_increaseByOnePerEvent_fromOne() {
    assertThat(events.lastId()).isZero();
    incidents.save(opened());
    incidents.save(opened().moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));
    approvals.save(pending("APR-1"));

    assertThat(seen).extracting(Event::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events.lastId()).isEqualTo(5);
  }

  @Test
  void since_returnsOnlyLaterEvents_oldestFirst() {
    incidents.save(opened());
    incidents.save(opened().moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    assertThat(events.since(2)).extracting(Event::id).containsExactly(3L, 4L);
    assertThat(events.since(2)).extracting(Event::type).containsExactly("incident.updated", "incident.state_changed");
    assertThat(events.since(0)).extracting(Event::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(events.since(4)).isEmpty();
  }

  @Test
  void since_keepsOnlyTheNewestReplayEvents() {
    int total = IncidentEvents.REPLAY + 10;
    for (int i = 0; i < total; i++) {
      events.publish("incident.updated", "INC-" + i, JSON.createObjectNode().put("n", i));
    }

    List<Event> kept = events.since(0);
    assertThat(kept).hasSize(IncidentEvents.REPLAY);
    assertThat(kept).extracting(Event::id).containsExactlyElementsOf(
        LongStream.rangeClosed(11, total).boxed().toList());
    assertThat(kept.getFirst().data().get("n").asInt()).isEqualTo(10);
    assertThat(events.lastId()).isEqualTo(total);
  }

  @Test
  void throwingListener_stopsNeitherTheSaveNorOtherListeners() {
    IncidentEvents fresh = new IncidentEvents(InstantSource.fixed(NOW));
    List<String> later = new ArrayList<>();
    fresh.subscribe(e -> {
      throw new IllegalStateException("listener broke");
    });
    fresh.subscribe(e -> later.add(e.type()));
    IncidentRepository repo = fresh.observe(db.incidents());

    repo.save(opened());

    assertThat(db.incidents().find(INC)).isPresent();
    assertThat(later).containsExactly("incident.opened", "incident.updated");
    assertThat(fresh.lastId()).isEqualTo(2);
  }

  @Test
  void closedSubscription_receivesNoFurtherEvents() {
    List<Long> got = new ArrayList<>();
    IncidentEvents.Subscription sub = events.subscribe(e -> got.add(e.id()));
    incidents.save(opened());

    sub.close();
    incidents.save(opened().moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    assertThat(got).containsExactly(1L, 2L);
    assertThat(seen).hasSize(4);
  }

  @Test
  void toJson_hasIdTypeAtIncidentIdAndData() throws Exception {
    Event e = events.publish("incident.state_changed", "INC-7", JSON.createObjectNode().put("from", "DETECTED"));

    JsonNode json = JSON.readTree(e.toJson());

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "type", "at", "incident_id", "data");
    assertThat(json.get("id").asLong()).isEqualTo(1);
    assertThat(json.get("id").isIntegralNumber()).isTrue();
    assertThat(json.get("type").asText()).isEqualTo("incident.state_changed");
    assertThat(json.get("at").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(json.get("incident_id").asText()).isEqualTo("INC-7");
    assertThat(json.get("data")).isEqualTo(JSON.createObjectNode().put("from", "DETECTED"));
  }

  @Test
  void progressOf_publishesWhoAndWhat_cutToALine() {
    List<Event> seen = new ArrayList<>();
    IncidentEvents ev = new IncidentEvents(InstantSource.fixed(Instant.parse("2026-03-01T10:00:00Z")));
    ev.subscribe(seen::add);
    ev.progressOf(new IncidentId("INC-9")).on("errors", "x".repeat(1000));
    assertThat(seen).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("incident.progress");
      assertThat(e.incidentId()).isEqualTo("INC-9");
      assertThat(e.data().get("who").asText()).isEqualTo("errors");
      assertThat(e.data().get("what").asText()).hasSize(IncidentEvents.MAX_PROGRESS + 3).endsWith("...");
    });
  }
}
