package dev.responder.app.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of the success metrics, shared by {@code GET /api/v1/metrics/...} and {@code responder metrics
 * --json} so that both print the same document. Field names are snake_case, times ISO-8601 UTC, durations seconds;
 * an unknown figure is JSON {@code null}.
 */
public final class MetricsJson {
  private MetricsJson() {}

  public static ObjectNode summary(Summary s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("from", s.from().toString()).put("to", s.to().toString())
        .put("incidents", s.incidents());
    ObjectNode byState = o.putObject("by_state");
    s.byState().forEach((state, n) -> byState.put(state.name(), n));
    o.put("mitigated", s.mitigated()).put("escalated", s.escalated()).put("open", s.open());
    o.set("mttr_seconds", durations(s.mttr()));
    o.set("ttd_seconds", durations(s.ttd()));
    o.set("ttdiag_seconds", durations(s.ttdiag()));
    Summary.Approvals a = s.approvals();
    o.putObject("approvals").put("approved", a.approved()).put("rejected", a.rejected()).put("expired", a.expired())
        .put("pending", a.pending());
    o.put("acceptance_rate", a.acceptanceRate());
    Summary.Cost c = s.cost();
    o.putObject("cost").put("investigated", c.investigated()).put("total_usd", c.totalUsd())
        .put("total_tokens", c.totalTokens()).put("usd_per_incident", c.usdPerIncident())
        .put("tokens_per_incident", c.tokensPerIncident()).put("tool_calls_per_incident", c.toolCallsPerIncident());
    o.put("false_positives", s.falsePositives()).put("false_negatives", s.falseNegatives())
        .put("false_positive_rate", s.falsePositiveRate());
    o.set("diagnosis_accuracy", accuracy(s.diagnosisAccuracy()));
    o.set("action_accuracy", accuracy(s.actionAccuracy()));
    o.put("time_saved_seconds", s.timeSavedSeconds());
    o.putObject("manual_baseline")
        .put("time_to_mitigate_seconds", s.baseline().timeToMitigate().toMillis() / 1000.0);
    return o;
  }

  public static ObjectNode series(Series s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("bucket", s.bucket().label())
        .put("from", s.from().toString()).put("to", s.to().toString());
    ArrayNode points = o.putArray("points");
    for (Series.Point p : s.points()) {
      points.addObject().put("start", p.start().toString()).put("incidents", p.incidents()).put("mitigated", p.mitigated())
          .put("mttr_seconds", p.mttrSeconds()).put("ttd_seconds", p.ttdSeconds())
          .put("acceptance_rate", p.acceptanceRate()).put("cost_usd", p.costUsd())
          .put("time_saved_seconds", p.timeSavedSeconds()).put("false_positives", p.falsePositives());
    }
    return o;
  }

  private static ObjectNode durations(Summary.Durations d) {
    return JsonNodeFactory.instance.objectNode().put("mean", d.mean()).put("median", d.median()).put("count", d.count());
  }

  private static ObjectNode accuracy(Summary.Accuracy a) {
    return JsonNodeFactory.instance.objectNode().put("rated", a.rated()).put("correct", a.correct()).put("rate", a.rate());
  }
}
