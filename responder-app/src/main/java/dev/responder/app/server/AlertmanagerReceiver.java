package dev.responder.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.server.AlertmanagerPayload.Alert;
import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Prometheus Alertmanager's webhook notifications (payload version 4) on
 * {@code POST /api/v1/alerts/alertmanager} and turns each alert into an incident or a timeline entry of one.
 *
 * <p>Each alert is deduplicated by its fingerprint: its incident's signature is {@code alertmanager:FINGERPRINT}.
 * An alert without a fingerprint gets a stable one, the first 16 hex digits of the SHA-256 of its labels sorted
 * by name, each encoded as UTF-8 {@code name 0xFF value 0xFF} (0xFF never occurs in UTF-8, so the encoding is
 * unambiguous). A firing alert without an open incident opens one; a repeat of the same alert (Alertmanager
 * re-sends every {@code repeat_interval}) changes nothing unless its start, labels, annotations or source
 * changed. A resolved alert is recorded and resolves its incident only when the incident is MITIGATED; in any
 * other state people or the remediator decide. See docs/alerts-and-webhooks.md.
 *
 * <p>Label and annotation text is data: it is stored as it is, truncated to {@value #AlertmanagerPayload.MAX_VALUE} characters,
 * and never interpreted. The whole payload is validated before anything is written, so a 400 changes nothing;
 * then each alert is processed atomically under one lock, since Alertmanager may retry concurrently.
 */
public final class AlertmanagerReceiver {
  /** The route. */
  public static final String PATH = IncidentApi.BASE + "/alerts/alertmanager";
  /** Signature prefix of the incidents this receiver opens. */
  public static final String SIGNATURE_PREFIX = "alertmanager:";
  private static final int MAX_TITLE = 200;
  private static final String ACTOR = "alertmanager";
  private static final List<String> SERVICE_LABELS = List.of("service", "service_name", "job", "app", "container");
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerReceiver.class);

  /** What happened to one alert. */
  enum Outcome { OPENED, UPDATED, UNCHANGED, RESOLVED, IGNORED }

  private record Result(Alert alert, Incident incident, Outcome outcome, String note) {}

  private final IncidentRepository incidents;
  private final AuditLog audit;
  private final InstantSource clock;
  private final ApiGuard guard;
  private final List<Consumer<Incident>> openedListeners = new CopyOnWriteArrayList<>();
  private final Object writes = new Object();

  private AlertmanagerReceiver(IncidentRepository incidents, AuditLog audit, InstantSource clock, ApiGuard guard) {
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
    this.guard = guard;
  }

  /** A receiver over the given ports; the clock stamps opened incidents, timeline entries and audit records. */
  public static AlertmanagerReceiver create(IncidentRepository incidents, AuditLog audit, InstantSource clock,
                                           ApiGuard guard) {
    return new AlertmanagerReceiver(Objects.requireNonNull(incidents, "incidents"), Objects.requireNonNull(audit, "audit"),
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(guard, "guard"));
  }

  /**
   * Calls {@code listener} with each incident this receiver opens, after it was saved and outside the write lock,
   * on the request thread (so it should hand long work, such as an investigation, to another thread). A failing
   * listener is logged and never fails the request.
   */
  public AlertmanagerReceiver onOpened(Consumer<Incident> listener) {
    openedListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds {@code POST /api/v1/alerts/alertmanager}, for callers with the RESPONDER role. */
  public void register(JavalinConfig config) {
    config.routes.post(PATH, guard.json(Role.RESPONDER, this::receive));
  }

  private JsonNode receive(Context ctx, Role caller) {
    JsonNode root = AlertmanagerPayload.parseBody(ctx.body());
    List<Alert> alerts = AlertmanagerPayload.alerts(root);
    String receiver = AlertmanagerPayload.cap(AlertmanagerPayload.text(root.get("receiver")));
    List<Result> results = new ArrayList<>(alerts.size());
    for (Alert alert : alerts) {
      synchronized (writes) {
        results.add(process(alert, receiver));
      }
    }
    ObjectNode out = ApiGuard.JSON.createObjectNode();
    ArrayNode list = out.putArray("alerts");
    Map<String, Integer> counts = new TreeMap<>();
    for (Result r : results) {
      ObjectNode o = list.addObject().put("fingerprint", r.alert().fingerprint())
          .put("status", r.alert().status()).put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      o.put("incident_id", r.incident() == null ? null : r.incident().id().value());
      o.put("state", r.incident() == null ? null : r.incident().state().name());
      if (!r.note().isEmpty()) {
        o.put("note", r.note());
      }
      counts.merge(r.outcome().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (r.outcome() == Outcome.OPENED) {
        notifyOpened(r.incident());
      }
    }
    counts.forEach(out.putObject("counts")::put);
    return out.put("count", results.size());
  }

  private Result process(Alert alert, String receiver) {
    Optional<Incident> open = incidents.findOpenBySignature(SIGNATURE_PREFIX + alert.fingerprint());
    if (open.isEmpty()) {
      return alert.firing() ? opened(alert, receiver)
          : new Result(alert, null, Outcome.IGNORED, "no open incident for this alert");
    }
    Incident incident = open.get();
    Instant now = clock.instant();
    TimelineEntry entry = alertEntry(alert, now);
    Optional<TimelineEntry> last = incident.timeline().stream()
        .filter(e -> e.kind().equals("alert") && alert.fingerprint().equals(e.attributes().get("fingerprint")))
        .reduce((a, b) -> b);
    if (last.isPresent() && last.get().attributes().equals(entry.attributes())) {
      return new Result(alert, incident, Outcome.UNCHANGED, "");
    }
    Incident changed = incident.record(entry);
    Outcome outcome = Outcome.UPDATED;
    String note = "";
    if (!alert.firing()) {
      outcome = Outcome.RESOLVED;
      if (incident.state() == IncidentState.MITIGATED) {
        changed = changed.moveTo(IncidentState.RESOLVED, now, "alert resolved in Alertmanager");
      } else {
        note = "alert resolved; incident left " + incident.state() + " for responders and the remediator to decide";
      }
    }
    incidents.save(changed);
    audit(changed, alert, outcome, receiver, now);
    return new Result(alert, changed, outcome, note);
  }

  private Result opened(Alert alert, String receiver) {
    Instant now = clock.instant();
    List<TimelineEntry> notes = new ArrayList<>();
    Set<ServiceId> services = services(alert, now, notes);
    String service = services.isEmpty() ? "" : services.iterator().next().name();
    Incident incident = Incident.open(newId(alert, now), title(alert, service), severity(alert.label("severity")), now,
        SIGNATURE_PREFIX + alert.fingerprint(), services);
    incident = incident.record(new TimelineEntry(now, "impact", "impact started at " + alert.startsAt(),
        Map.of("started_at", alert.startsAt().toString(), "source", "alertmanager")));
    incident = incident.record(alertEntry(alert, now));
    for (TimelineEntry note : notes) {
      incident = incident.record(note);
    }
    incidents.save(incident);
    audit(incident, alert, Outcome.OPENED, receiver, now);
    return new Result(alert, incident, Outcome.OPENED, "");
  }

  /** The alert as a timeline entry; equal alerts give equal attributes, which is how repeats are recognised. */
  private static TimelineEntry alertEntry(Alert alert, Instant now) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("source", "alertmanager");
    attributes.put("status", alert.status());
    attributes.put("fingerprint", alert.fingerprint());
    attributes.put("starts_at", alert.startsAt().toString());
    if (!alert.firing()) {
      attributes.put("ends_at", alert.endsAt().toString());
    }
    attributes.put("generator_url", alert.generatorUrl());
    alert.labels().forEach((k, v) -> attributes.put("label." + k, v));
    alert.annotations().forEach((k, v) -> attributes.put("annotation." + k, v));
    String name = alert.label("alertname").isEmpty() ? "alert " + alert.fingerprint() : alert.label("alertname");
    String text = alert.firing()
        ? "firing: " + name + oneLine(alert.annotations().getOrDefault("summary", ""), ": ")
        : "resolved at " + alert.endsAt() + ": " + name;
    return new TimelineEntry(now, "alert", text, attributes);
  }

  private void audit(Incident incident, Alert alert, Outcome outcome, String receiver, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("fingerprint", alert.fingerprint());
    details.put("alertname", alert.label("alertname"));
    details.put("status", alert.status());
    details.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    details.put("state", incident.state().name());
    details.put("receiver", receiver);
    String summary = outcome.name().toLowerCase(Locale.ROOT) + " " + incident.id() + " from " + alert.status()
        + " alert " + (alert.label("alertname").isEmpty() ? alert.fingerprint() : alert.label("alertname"));
    audit.append(new AuditRecord(0, now, ACTOR, "alert", incident.id().value(), summary, details));
  }

  private void notifyOpened(Incident incident) {
    for (Consumer<Incident> listener : openedListeners) {
      try {
        listener.accept(incident);
      } catch (RuntimeException e) {
        LOG.warn("listener for opened incident {} failed: {}", incident.id(), e.toString());
      }
    }
  }

  /** {@code am-yyyyMMdd-HHmmss-FINGER}, with a counter when that id is taken (a re-fire within the second). */
  private IncidentId newId(Alert alert, Instant now) {
    String fp = alert.fingerprint();
    String base = "am-" + ID_TIME.format(now) + "-" + fp.substring(0, Math.min(6, fp.length()));
    IncidentId id = new IncidentId(base);
    for (int n = 2; incidents.find(id).isPresent(); n++) {
      id = new IncidentId(base + "-" + n);
    }
    return id;
  }

  private static String title(Alert alert, String service) {
    String summary = oneLine(alert.annotations().getOrDefault("summary", ""), "");
    String name = alert.label("alertname").isEmpty() ? "alert " + alert.fingerprint() : alert.label("alertname");
    String title = !summary.isEmpty() ? summary : service.isEmpty() ? name : name + " on " + service;
    return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 3) + "...";
  }

  /** The first usable service label, in the order of {@link #SERVICE_LABELS}; unusable ones are noted. */
  private static Set<ServiceId> services(Alert alert, Instant now, List<TimelineEntry> notes) {
    for (String label : SERVICE_LABELS) {
      String value = alert.labels().get(label);
      if (value == null) {
        continue;
      }
      try {
        return Set.of(ServiceId.of(value));
      } catch (IllegalArgumentException e) {
        notes.add(new TimelineEntry(now, "note", "label " + label + " is not a usable service name: " + e.getMessage(),
            Map.of("label", label, "source", "alertmanager")));
      }
    }
    return Set.of();
  }

  /**
   * Alertmanager's conventional {@code severity} label: critical, page, fatal, emergency are FATAL; error, high,
   * major are ERROR; info, informational, low, none are INFO; warning and anything else or nothing are WARN, so
   * that an unlabelled alert is still taken seriously.
   */
  static Severity severity(String label) {
    return switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "critical", "crit", "page", "fatal", "emergency", "disaster" -> Severity.FATAL;
      case "error", "err", "high", "major" -> Severity.ERROR;
      case "info", "informational", "low", "none" -> Severity.INFO;
      default -> Severity.WARN;
    };
  }






  private static String oneLine(String text, String prefix) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.isEmpty() ? "" : prefix + line;
  }

}
