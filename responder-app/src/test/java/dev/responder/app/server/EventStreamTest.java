package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import io.javalin.Javalin;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SSE endpoint over real HTTP; every wait is bounded so that a broken stream fails instead of hanging. */
class EventStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_SECONDS = 10;
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String VIEWER = "viewer-token-0123456789";
  private static final String RESPONDER = "responder-token-0123456789";

  private final List<Sse> connections = new ArrayList<>();
  private DuckDbDatabase db;
  private IncidentEvents events;
  private IncidentRepository incidents;
  private EventStream stream;
  private Javalin app;
  private String base;

  private void start(ApiTokens tokens, long heartbeatSeconds) {
    db = Stores.openDuckDb(null);
    events = new IncidentEvents(InstantSource.fixed(NOW));
    incidents = events.observe(db.incidents());
    stream = new EventStream(events, new ApiGuard(tokens), heartbeatSeconds);
    app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      stream.register(c);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port() + EventStream.PATH;
  }

  @AfterEach
  void stop() {
    connections.forEach(Sse::close);
    if (stream != null) {
      stream.close();
    }
    if (app != null) {
      app.stop();
    }
    if (db != null) {
      db.close();
    }
  }

  private static Incident incident(String id) {
    return Incident.open(new IncidentId(id), id + " errors", Severity.ERROR, T0, "sig-" + id, Set.of(ServiceId.of("checkout")));
  }

  @Test
  void eventPublishedAfterConnecting_arrivesWithTypeIdAndJsonData() throws Exception {
    start(ApiTokens.none(), 15);
    Sse sse = connect("", Map.of());
    assertThat(sse.response.statusCode()).isEqualTo(200);
    assertThat(sse.response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(sse.next().comment()).isEqualTo("connected; last event 0");

    incidents.save(incident("INC-1"));

    Frame opened = sse.nextEvent();
    IncidentEvents.Event published = events.since(0).getFirst();
    assertThat(opened.lines()).contains("event: incident.opened", "id: 1", "data: " + published.toJson());
    JsonNode data = JSON.readTree(opened.data());
    assertThat(data.get("id").asLong()).isEqualTo(1);
    assertThat(data.get("incident_id").asText()).isEqualTo("INC-1");
    assertThat(data.get("data").get("state").asText()).isEqualTo("DETECTED");
    Frame updated = sse.nextEvent();
    assertThat(updated.event()).isEqualTo("incident.updated");
    assertThat(updated.id()).isEqualTo("2");
  }

  @Test
  void withoutLastEventId_earlierEventsAreNotReplayed() throws Exception {
    start(ApiTokens.none(), 15);
    incidents.save(incident("INC-1"));
    Sse sse = connect("", Map.of());

    assertThat(sse.next().comment()).isEqualTo("connected; last event 2");
    incidents.save(incident("INC-1").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    assertThat(sse.nextEvent().id()).isEqualTo("3");
    assertThat(sse.nextEvent().event()).isEqualTo("incident.state_changed");
  }

  @Test
  void anIncidentsStream_startsWithItsKeptHistory_progressIncluded() throws Exception {
    start(ApiTokens.none(), 15);
    incidents.save(incident("INC-1"));
    incidents.save(incident("INC-2"));
    events.progressOf(new IncidentId("INC-2")).on("performance", "rank_root_causes {\"limit\":3}");

    Sse sse = connect("?incident=INC-2", Map.of());

    assertThat(sse.nextEvent().event()).isEqualTo("incident.opened");
    assertThat(sse.nextEvent().event()).isEqualTo("incident.updated");
    Frame progress = sse.nextEvent();
    assertThat(progress.event()).isEqualTo("incident.progress");
    assertThat(JSON.readTree(progress.data()).get("data").get("what").asText()).isEqualTo("rank_root_causes {\"limit\":3}");
    assertThat(sse.next().comment()).startsWith("connected");
  }

  @Test
  void incidentParameter_filtersOtherIncidentsOut() throws Exception {
    start(ApiTokens.none(), 15);
    Sse sse = connect("?incident=INC-2", Map.of());
    assertThat(sse.next().comment()).startsWith("connected");

    incidents.save(incident("INC-1"));
    incidents.save(incident("INC-2"));
    incidents.save(incident("INC-1").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));
    incidents.save(incident("INC-2").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    List<Frame> got = List.of(sse.nextEvent(), sse.nextEvent(), sse.nextEvent(), sse.nextEvent());
    assertThat(got).extracting(Frame::id).containsExactly("3", "4", "7", "8");
    assertThat(got).allSatisfy(f -> assertThat(JSON.readTree(f.data()).get("incident_id").asText()).isEqualTo("INC-2"));
  }

  @Test
  void lastEventId_replaysLaterEventsFirst_thenLiveOnes_withoutDuplicates() throws Exception {
    start(ApiTokens.none(), 15);
    incidents.save(incident("INC-1"));
    incidents.save(incident("INC-1").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));

    Sse sse = connect("", Map.of("Last-Event-ID", "2"));
    List<Frame> beforeConnected = new ArrayList<>();
    for (Frame f = sse.next(); f.comment() == null; f = sse.next()) {
      beforeConnected.add(f);
    }
    incidents.save(incident("INC-2"));

    assertThat(beforeConnected).extracting(Frame::id).containsExactly("3", "4");
    assertThat(beforeConnected).extracting(Frame::event).containsExactly("incident.updated", "incident.state_changed");
    assertThat(List.of(sse.nextEvent(), sse.nextEvent())).extracting(Frame::id).containsExactly("5", "6");
    incidents.save(incident("INC-2").moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(60), "agent started"));
    assertThat(sse.nextEvent().id()).isEqualTo("7");
  }

  @Test
  void eventsFromTwoPublishingThreads_areStreamedInIdOrder_noneLost() throws Exception {
    start(ApiTokens.none(), 15);
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    events.subscribe(e -> {
      if (e.id() == 1) {
        firstHeld.countDown();
        awaitLatch(release);
      }
    });
    Sse sse = connect("", Map.of());
    assertThat(sse.next().comment()).startsWith("connected");

    Thread slow = Thread.ofPlatform().daemon().start(() -> events.publish("incident.updated", "INC-1", JSON.createObjectNode()));
    assertThat(firstHeld.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    Thread second = Thread.ofPlatform().daemon().start(() -> events.publish("approval.requested", "INC-2", JSON.createObjectNode()));
    Thread.sleep(200);
    assertThat(second.isAlive()).as("the second publisher waits for the first delivery").isTrue();
    release.countDown();
    slow.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    second.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    events.publish("incident.updated", "INC-3", JSON.createObjectNode());

    assertThat(sse.nextEvent().id()).isEqualTo("1");
    assertThat(sse.nextEvent().id()).isEqualTo("2");
    assertThat(sse.nextEvent().id()).isEqualTo("3");
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void withTokens_missingOrUnknownTokenIs401Json_andViewerTokenInQueryStreams() throws Exception {
    start(new ApiTokens(Map.of(VIEWER, Role.VIEWER, RESPONDER, Role.RESPONDER)), 15);

    HttpResponse<String> none = get("");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(JSON.readTree(none.body()).get("error").asText()).contains("bearer");
    HttpResponse<String> unknown = get("?access_token=not-a-known-token-at-all");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown bearer token");

    Sse sse = connect("?access_token=" + VIEWER, Map.of());
    assertThat(sse.response.statusCode()).isEqualTo(200);
    assertThat(sse.next().comment()).startsWith("connected");
    incidents.save(incident("INC-1"));
    assertThat(sse.nextEvent().event()).isEqualTo("incident.opened");

    Sse header = connect("", Map.of("Authorization", "Bearer " + VIEWER));
    assertThat(header.response.statusCode()).isEqualTo(200);
    assertThat(header.next().comment()).isEqualTo("connected; last event 2");
  }

  @Test
  void badIncidentId_is400NamingTheValue() throws Exception {
    start(ApiTokens.none(), 15);

    HttpResponse<String> r = get("?incident=bad%20id");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains("'bad id'");
    assertThat(stream.clients()).isZero();
  }

  @Test
  void clients_countsConnections_andDropsAClientThatDisconnected() throws Exception {
    start(ApiTokens.none(), 1);
    assertThat(stream.clients()).isZero();

    Sse first = connect("", Map.of());
    Sse second = connect("", Map.of());
    first.next();
    second.next();
    awaitTrue(() -> stream.clients() == 2, "two clients connected");

    first.close();

    awaitTrue(() -> stream.clients() == 1, "the disconnected client is dropped");
    incidents.save(incident("INC-1"));
    assertThat(second.nextEvent().id()).isEqualTo("1");
  }

  @Test
  void close_endsOpenStreams() throws Exception {
    start(ApiTokens.none(), 15);
    Sse sse = connect("", Map.of());
    sse.next();
    awaitTrue(() -> stream.clients() == 1, "client connected");

    stream.close();

    Frame f = sse.next();
    while (f.comment() != null) {
      f = sse.next();
    }
    assertThat(f).as("the stream ended").isSameAs(Sse.END);
    assertThat(stream.clients()).isZero();
  }

  private HttpResponse<String> get(String query) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.sendAsync(HttpRequest.newBuilder(URI.create(base + query)).GET().build(), HttpResponse.BodyHandlers.ofString())
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private Sse connect(String query, Map<String, String> headers) throws Exception {
    Sse sse = new Sse(URI.create(base + query), headers);
    connections.add(sse);
    return sse;
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** One SSE frame: a comment line, or an event with its raw lines. */
  private record Frame(String comment, String event, String id, String data, List<String> lines) {}

  /** A streaming connection whose lines are read on a daemon thread into frames. */
  private static final class Sse implements AutoCloseable {
    static final Frame END = new Frame(null, null, null, null, List.of());

    final HttpClient client = HttpClient.newHttpClient();
    final HttpResponse<Stream<String>> response;
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    Sse(URI uri, Map<String, String> headers) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
      headers.forEach(request::header);
      response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).get(WAIT_SECONDS, TimeUnit.SECONDS);
      Thread.ofPlatform().daemon().name("sse-test-reader").start(this::read);
    }

    private void read() {
      List<String> lines = new ArrayList<>();
      try (Stream<String> body = response.body()) {
        body.forEach(line -> {
          if (line.startsWith(":")) {
            frames.add(new Frame(line.substring(1).strip(), null, null, null, List.of(line)));
          } else if (line.isEmpty()) {
            if (!lines.isEmpty()) {
              frames.add(event(lines));
              lines.clear();
            }
          } else {
            lines.add(line);
          }
        });
      } catch (UncheckedIOException e) {
        // the connection was closed; the END frame below says so
      } finally {
        frames.add(END);
      }
    }

    private static Frame event(List<String> lines) {
      String event = null;
      String id = null;
      String data = null;
      for (String line : lines) {
        int colon = line.indexOf(':');
        String value = line.substring(colon + 1).replaceFirst("^ ", "");
        switch (line.substring(0, colon)) {
          case "event" -> event = value;
          case "id" -> id = value;
          case "data" -> data = data == null ? value : data + "\n" + value;
          default -> throw new AssertionError("unexpected SSE field in " + line);
        }
      }
      return new Frame(null, event, id, data, List.copyOf(lines));
    }

    /** The next frame, failing the test after the wait. */
    Frame next() throws InterruptedException {
      Frame f = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(f).as("an SSE frame within %d s", WAIT_SECONDS).isNotNull();
      return f;
    }

    /** The next event, skipping comments (heartbeats); fails when the stream ends first. */
    Frame nextEvent() throws InterruptedException {
      Frame f = next();
      while (f.comment() != null) {
        f = next();
      }
      assertThat(f).as("an SSE event before the stream ended").isNotSameAs(END);
      return f;
    }

    @Override
    public void close() {
      client.shutdownNow();
    }
  }
}
