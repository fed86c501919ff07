package dev.responder.app.server;

import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.incident.IncidentId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events of {@link IncidentEvents} at {@code GET /api/v1/events}: each change as an SSE event whose
 * name is the event type, whose id is the event id and whose data is {@link IncidentEvents.Event#toJson()}.
 * {@code ?incident=ID} narrows the stream to one incident and starts it with that incident's kept events (so a
 * page opened mid-investigation shows the activity so far). A client reconnecting with {@code Last-Event-ID}
 * (browsers' {@code EventSource} does this itself) first gets the kept events it missed. A comment is sent every
 * {@code heartbeat} seconds so proxies keep the connection open and dead clients are noticed.
 *
 * <p>Needs the viewer role; since {@code EventSource} cannot send headers, the token may be given as
 * {@code ?access_token=}.
 */
public final class EventStream implements AutoCloseable {
  /** The route. */
  public static final String PATH = IncidentApi.BASE + "/events";

  private final IncidentEvents events;
  private final ApiGuard guard;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat;

  public EventStream(IncidentEvents events, ApiGuard guard, long heartbeatSeconds) {
    this.events = Objects.requireNonNull(events, "events");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sse-heartbeat").factory());
    heartbeat.scheduleAtFixedRate(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
  }

  public void register(JavalinConfig config) {
    config.routes.get(PATH, this::open);
  }

  /** How many clients are connected. */
  public int clients() {
    return clients.size();
  }

  private void open(Context ctx) throws Exception {
    String incident;
    try {
      guard.authorize(ctx, Role.VIEWER);
      incident = ctx.queryParam("incident");
      if (incident != null) {
        ApiGuard.parse("incident", incident, IncidentId::new);
      }
    } catch (ApiRejection e) {
      ctx.status(e.status()).contentType("application/json")
          .result(ApiGuard.JSON.writeValueAsString(ApiGuard.error(e.getMessage())));
      return;
    }
    // A stream of one incident starts with that incident's kept history (its live activity so far), unless the
    // client says what it has already seen.
    long lastSeen = lastEventId(ctx.header("Last-Event-ID"), incident != null ? 0 : Long.MAX_VALUE);
    new SseHandler(client -> stream(client, incident, lastSeen)).handle(ctx);
  }

  private void stream(SseClient client, String incident, long lastSeen) {
    Object lock = new Object();
    long[] sentUpTo = {0};
    IncidentEvents.Subscription subscription;
    synchronized (lock) {
      subscription = events.subscribe(e -> {
        synchronized (lock) {
          send(client, e, incident, sentUpTo);
        }
      });
      for (IncidentEvents.Event e : events.since(lastSeen)) {
        send(client, e, incident, sentUpTo);
      }
      client.sendComment("connected; last event " + events.lastId());
    }
    clients.add(client);
    client.onClose(() -> {
      subscription.close();
      clients.remove(client);
    });
    client.keepAlive();
  }

  private static void send(SseClient client, IncidentEvents.Event e, String incident, long[] sentUpTo) {
    if (e.id() > sentUpTo[0] && (incident == null || incident.equals(e.incidentId())) && !client.terminated()) {
      client.sendEvent(e.type(), e.toJson(), Long.toString(e.id()));
      sentUpTo[0] = e.id();
    }
  }

  private void beat() {
    for (SseClient client : clients) {
      try {
        if (client.terminated()) {
          clients.remove(client);
        } else {
          client.sendComment("heartbeat");
        }
      } catch (RuntimeException e) {
        clients.remove(client);
      }
    }
  }

  private static long lastEventId(String header, long absent) {
    if (header == null || header.isBlank()) {
      return absent;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    clients.forEach(SseClient::close);
    clients.clear();
  }
}
