package dev.responder.app.remediate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.action.Approval;

/** The JSON shape of a remediation, as {@code responder respond --json} prints it. */
public final class RemediationJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RemediationJson() {}

  public static ObjectNode of(Remediation r) {
    ObjectNode o = F.objectNode();
    o.put("outcome", r.outcome().name());
    o.put("incident_state", r.incident().state().name());
    o.put("summary", r.summary());
    if (r.plan() != null) {
      o.putObject("plan").put("name", r.plan().name()).put("actions", r.plan().describe())
          .put("expected_effect", r.plan().expectedEffect()).put("rationale", r.plan().rationale());
    }
    ArrayNode actions = o.putArray("actions");
    r.executed().forEach(e -> actions.add(result(e)));
    ArrayNode undone = o.putArray("rolled_back");
    r.rolledBack().forEach(e -> undone.add(result(e)));
    ArrayNode rec = o.putArray("recommended");
    r.recommended().forEach(a -> rec.add(action(a)));
    ArrayNode sandbox = o.putArray("sandbox");
    r.sandbox().forEach(s -> sandbox.addObject().put("plan", s.plan().name()).put("actions", s.plan().describe())
        .put("passed", s.passed()).put("verdict", s.verdict()));
    ArrayNode decisions = o.putArray("policy");
    r.decisions().forEach(d -> decisions.addObject().put("action", d.action().describe()).put("verdict", d.verdict().name())
        .put("explanation", d.explanation()));
    ArrayNode approvals = o.putArray("approvals");
    for (Approval a : r.approvals()) {
      approvals.addObject().put("id", a.id()).put("state", a.state().name()).put("by", a.decidedBy())
          .put("comment", a.comment()).put("action", a.action().describe());
    }
    return o;
  }

  private static ObjectNode result(ActionResult e) {
    return action(e.action()).put("succeeded", e.succeeded()).put("message", e.message()).put("at", e.at().toString());
  }

  private static ObjectNode action(Action a) {
    ObjectNode o = F.objectNode().put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT)).put("target", a.target().name());
    ObjectNode p = o.putObject("params");
    a.params().forEach(p::put);
    return o.put("risk", a.risk().name()).put("reversibility", a.reversibility().name());
  }
}
