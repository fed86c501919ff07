package dev.responder.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.report.Postmortem;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.error.ResponderException;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An incident's postmortem and evidence charts over HTTP:
 * <ul>
 *   <li>{@code GET /api/v1/incidents/{id}/postmortem?format=html|md}: the postmortem written by the run that handled
 *       the incident when there is one in the reports folder, else one built now from the incident's record and the
 *       telemetry store ({@link Postmortem#fromRecord});</li>
 *   <li>{@code GET /api/v1/incidents/{id}/charts}: the key metrics around the incident with the fault, detection,
 *       diagnosis and mitigation marked, and the service graph with the root cause highlighted, each as SVG markup
 *       generated here (nothing external).</li>
 * </ul>
 * Both need the viewer role. Without a telemetry store there are no charts and only written postmortems.
 */
public final class IncidentReports {
  private final IncidentRepository incidents;
  private final TelemetryStore telemetry;
  private final Path reportsDir;
  private final ApiGuard guard;

  /**
   * @param telemetry  the store charts are read from, or null
   * @param reportsDir where runs wrote postmortems as {@code ID.html} and {@code ID.md}, or null
   */
  public IncidentReports(IncidentRepository incidents, TelemetryStore telemetry, Path reportsDir, ApiGuard guard) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.telemetry = telemetry;
    this.reportsDir = reportsDir;
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  public void register(JavalinConfig config) {
    config.routes.get(IncidentApi.BASE + "/incidents/{id}/charts", guard.json(Role.VIEWER, (ctx, caller) -> charts(incident(ctx))));
    config.routes.get(IncidentApi.BASE + "/incidents/{id}/postmortem", this::postmortem);
  }

  private ObjectNode charts(Incident incident) {
    ObjectNode out = ApiGuard.JSON.createObjectNode().put("incident_id", incident.id().value());
    ArrayNode arr = out.putArray("charts");
    if (telemetry != null) {
      for (Postmortem.Chart c : Postmortem.fromRecord(incident, telemetry).charts()) {
        arr.addObject().put("title", c.title()).put("metric", c.metric())
            .put("service", incident.diagnosis() == null ? "" : incident.diagnosis().rootCause().name()).put("svg", c.svg());
      }
    }
    return out;
  }

  private void postmortem(Context ctx) throws IOException {
    try {
      guard.authorize(ctx, Role.VIEWER);
      String format = Objects.requireNonNullElse(ctx.queryParam("format"), "html");
      if (!format.equals("html") && !format.equals("md")) {
        throw ApiRejection.badRequest("format must be html or md but was '" + format + "'");
      }
      Incident incident = incident(ctx);
      String body = written(incident.id(), format);
      if (body == null) {
        if (telemetry == null) {
          throw ApiRejection.notFound("no postmortem of " + incident.id() + " yet");
        }
        Postmortem pm = Postmortem.fromRecord(incident, telemetry);
        body = format.equals("html") ? pm.html() : pm.markdown();
      }
      ctx.contentType(format.equals("html") ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8").result(body);
    } catch (ApiRejection e) {
      ctx.status(e.status()).contentType("application/json").result(ApiGuard.JSON.writeValueAsString(ApiGuard.error(e.getMessage())));
    } catch (ResponderException e) {
      ctx.status(e.retryable() ? 503 : 500).contentType("application/json")
          .result(ApiGuard.JSON.writeValueAsString(ApiGuard.error(e.getMessage())));
    }
  }

  private String written(IncidentId id, String format) {
    if (reportsDir == null) {
      return null;
    }
    Path file = reportsDir.resolve(id.value() + "." + format);
    if (!file.normalize().startsWith(reportsDir.normalize()) || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Incident incident(Context ctx) {
    IncidentId id = ApiGuard.parse("incident id", ctx.pathParam("id"), IncidentId::new);
    return incidents.find(id).orElseThrow(() -> ApiRejection.notFound("no incident " + id));
  }
}
