package dev.responder.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.IncidentRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Read-only HTTP views of incidents and their postmortems, as the demo serves them: {@code GET /api/incidents}
 * (optional {@code state} filter), {@code GET /api/incidents/{id}}, {@code GET /reports/{id}.html} and
 * {@code GET /health}. Bad input is a 400 naming the bad value; an unknown incident or report a 404.
 */
public final class ReportServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Javalin app;

  private ReportServer(Javalin app) {
    this.app = app;
  }

  /** Starts serving on {@code host:port} (port 0 picks a free one, see {@link #port()}). */
  public static ReportServer start(String host, int port, IncidentRepository incidents, Path reportsDir) {
    return start(host, port, incidents, reportsDir, c -> { });
  }

  /** As {@link #start(String, int, IncidentRepository, Path)}, with more routes (for example the {@link IncidentApi}). */
  public static ReportServer start(String host, int port, IncidentRepository incidents, Path reportsDir,
                                   java.util.function.Consumer<io.javalin.config.JavalinConfig> moreRoutes) {
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.jetty.host = host;
      c.jetty.port = port;
      c.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
      c.routes.get("/api/incidents", ctx -> list(ctx, incidents));
      c.routes.get("/api/incidents/{id}", ctx -> detail(ctx, incidents));
      c.routes.get("/reports/{file}", ctx -> report(ctx, reportsDir));
      moreRoutes.accept(c);
    });
    app.start();
    return new ReportServer(app);
  }

  public int port() {
    return app.port();
  }

  private static void list(Context ctx, IncidentRepository incidents) throws IOException {
    Set<IncidentState> states = EnumSet.noneOf(IncidentState.class);
    for (String s : ctx.queryParams("state")) {
      try {
        states.add(IncidentState.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        error(ctx, 400, "unknown state '" + s + "'; known: " + EnumSet.allOf(IncidentState.class));
        return;
      }
    }
    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
    incidents.list(states, 200).forEach(i -> arr.add(summary(i)));
    ctx.contentType("application/json").result(JSON.writeValueAsString(arr));
  }

  private static void detail(Context ctx, IncidentRepository incidents) throws IOException {
    IncidentId id;
    try {
      id = new IncidentId(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    var found = incidents.find(id);
    if (found.isEmpty()) {
      error(ctx, 404, "no incident " + id);
      return;
    }
    ctx.contentType("application/json").result(JSON.writeValueAsString(detail(found.get())));
  }

  private static void report(Context ctx, Path dir) throws IOException {
    String file = ctx.pathParam("file");
    String id = file.endsWith(".html") ? file.substring(0, file.length() - 5) : "";
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") || id.contains("..")) {
      error(ctx, 400, "report must be named INCIDENT_ID.html but was '" + file + "'");
      return;
    }
    Path html = dir.resolve(id + ".html");
    if (!Files.isRegularFile(html)) {
      error(ctx, 404, "no report for " + id);
      return;
    }
    ctx.contentType("text/html; charset=utf-8").result(Files.readString(html, StandardCharsets.UTF_8));
  }

  /** The list form of an incident. */
  static ObjectNode summary(Incident i) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", i.id().value()).put("title", i.title())
        .put("severity", i.severity().name()).put("state", i.state().name()).put("opened_at", i.openedAt().toString());
    ArrayNode services = o.putArray("services");
    i.services().forEach(s -> services.add(s.name()));
    if (i.diagnosis() != null) {
      o.putObject("diagnosis").put("root_cause_service", i.diagnosis().rootCause().name())
          .put("fault_type", i.diagnosis().faultType().name()).put("confidence", i.diagnosis().confidence())
          .put("explanation", i.diagnosis().explanation());
    }
    return o;
  }

  /** The full form: the summary plus timeline and hypotheses with their evidence. */
  static ObjectNode detail(Incident i) {
    ObjectNode o = summary(i);
    ArrayNode timeline = o.putArray("timeline");
    for (TimelineEntry e : i.timeline()) {
      ObjectNode t = timeline.addObject().put("ts", e.ts().toString()).put("kind", e.kind()).put("text", e.text());
      e.attributes().forEach(t.putObject("attributes")::put);
    }
    ArrayNode hs = o.putArray("hypotheses");
    for (Hypothesis h : i.hypotheses()) {
      ObjectNode ho = hs.addObject().put("id", h.id()).put("statement", h.statement()).put("status", h.status().name())
          .put("confidence", h.confidence());
      ArrayNode ev = ho.putArray("evidence");
      for (Evidence e : h.evidence()) {
        ev.addObject().put("claim", e.claim()).put("source", e.source()).put("query", e.query()).put("supports", e.supports());
      }
    }
    return o;
  }

  private static void error(Context ctx, int status, String message) throws IOException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(java.util.Map.of("error", message)));
  }

  @Override
  public void close() {
    app.stop();
  }
}
