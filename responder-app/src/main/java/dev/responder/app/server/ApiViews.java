package dev.responder.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.action.Approval;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.TimelineEntry;
import java.util.List;

/** JSON forms of the values the incident API returns; field names are snake_case, times ISO-8601 UTC. */
final class ApiViews {
  private ApiViews() {}

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

  static ObjectNode incidentList(List<Incident> incidents) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = o.putArray("incidents");
    incidents.forEach(i -> arr.add(summary(i)));
    return o.put("count", incidents.size());
  }

  /** The summary plus the timeline and the hypotheses with their evidence, root cause and fault type. */
  static ObjectNode incidentDetail(Incident incident) {
    ObjectNode o = summary(incident);
    timelineEntries(o.putArray("timeline"), incident.timeline());
    ArrayNode hs = o.putArray("hypotheses");
    for (Hypothesis h : incident.hypotheses()) {
      ObjectNode ho = hs.addObject().put("id", h.id()).put("statement", h.statement()).put("status", h.status().name())
          .put("confidence", h.confidence());
      ArrayNode ev = ho.putArray("evidence");
      for (Evidence e : h.evidence()) {
        ev.addObject().put("claim", e.claim()).put("source", e.source()).put("query", e.query()).put("supports", e.supports());
      }
      ho.put("root_cause_service", h.rootCause().name()).put("fault_type", h.faultType().name())
          .put("next_test", h.nextTest()).put("proposed_by", h.proposedBy());
    }
    return o;
  }

  /** The hypothesis board: every hypothesis considered, as in the detail. */
  static ObjectNode hypotheses(Incident incident) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("incident_id", incident.id().value());
    o.set("hypotheses", incidentDetail(incident).get("hypotheses"));
    return o;
  }

  static ObjectNode timeline(Incident incident) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("incident_id", incident.id().value());
    timelineEntries(o.putArray("timeline"), incident.timeline());
    return o;
  }

  private static void timelineEntries(ArrayNode arr, List<TimelineEntry> entries) {
    for (TimelineEntry e : entries) {
      ObjectNode t = arr.addObject().put("ts", e.ts().toString()).put("kind", e.kind()).put("text", e.text());
      ObjectNode attrs = t.putObject("attributes");
      e.attributes().forEach(attrs::put);
    }
  }

  static ObjectNode approvalList(List<Approval> approvals) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = o.putArray("approvals");
    approvals.forEach(a -> arr.add(approval(a)));
    return o.put("count", approvals.size());
  }

  static ObjectNode approval(Approval a) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", a.id()).put("incident_id", a.incident().value())
        .put("state", a.state().name()).put("reason", a.reason()).put("requested_at", a.requestedAt().toString());
    ObjectNode action = o.putObject("action").put("kind", a.action().kind().name())
        .put("target", a.action().target().name()).put("risk", a.action().risk().name())
        .put("reversibility", a.action().reversibility().name()).put("rationale", a.action().rationale())
        .put("description", a.action().describe());
    ObjectNode params = action.putObject("params");
    a.action().params().forEach(params::put);
    if (a.state() != Approval.State.PENDING) {
      o.put("decided_by", a.decidedBy()).put("comment", a.comment())
          .put("decided_at", a.decidedAt() == null ? null : a.decidedAt().toString());
    }
    return o;
  }

  static ObjectNode audit(AuditRecord r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("seq", r.seq()).put("ts", r.ts().toString())
        .put("actor", r.actor()).put("kind", r.kind()).put("incident_id", r.incidentId()).put("summary", r.summary());
    ObjectNode details = o.putObject("details");
    r.details().forEach(details::put);
    return o;
  }
}
