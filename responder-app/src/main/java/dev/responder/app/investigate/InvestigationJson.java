package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.TimelineEntry;
import java.util.Locale;

/** The JSON form of an investigation, as {@code responder investigate --json} prints it. */
public final class InvestigationJson {
  private InvestigationJson() {}

  /** {@code {"diagnosis": {...}, "hypotheses": [...], "cost": {...}}} plus the specialists consulted. */
  public static ObjectNode of(Investigation inv) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode d = root.putObject("diagnosis");
    d.put("root_cause_service", inv.diagnosis().rootCause().name()).put("fault_type", inv.diagnosis().faultType().name())
        .put("confidence", Math.round(inv.diagnosis().confidence() * 1000) / 1000.0)
        .put("explanation", inv.diagnosis().explanation()).put("decided", inv.decided());
    ArrayNode hs = root.putArray("hypotheses");
    for (Hypothesis h : inv.hypotheses()) {
      ObjectNode o = hs.addObject().put("id", h.id()).put("statement", h.statement())
          .put("root_cause_service", h.rootCause().name()).put("fault_type", h.faultType().name())
          .put("status", h.status().name().toLowerCase(Locale.ROOT))
          .put("confidence", Math.round(h.confidence() * 1000) / 1000.0).put("next_test", h.nextTest())
          .put("proposed_by", h.proposedBy());
      evidence(o.putArray("evidence_for"), h, true);
      evidence(o.putArray("evidence_against"), h, false);
    }
    ArrayNode sp = root.putArray("specialists");
    inv.specialists().forEach(s -> sp.add(s.agent()));
    Cost c = inv.cost();
    root.putObject("cost").put("steps", c.steps()).put("tool_calls", c.toolCalls()).put("input_tokens", c.inputTokens())
        .put("output_tokens", c.outputTokens()).put("usd", c.usd()).put("wall_ms", c.wallMs());
    return root;
  }

  private static void evidence(ArrayNode arr, Hypothesis h, boolean supports) {
    for (Evidence e : supports ? h.evidenceFor() : h.evidenceAgainst()) {
      arr.addObject().put("claim", e.claim()).put("source", e.source()).put("call", e.query())
          .put("weight", Math.round(e.weight() * 100) / 100.0);
    }
  }

  /** The incident's timeline, one object per entry. */
  public static ArrayNode timeline(Investigation inv) {
    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
    for (TimelineEntry e : inv.incident().timeline()) {
      ObjectNode o = arr.addObject().put("ts", e.ts().toString()).put("kind", e.kind()).put("text", e.text());
      ObjectNode attrs = o.putObject("attributes");
      e.attributes().forEach(attrs::put);
    }
    return arr;
  }
}
