package dev.responder.app.investigate;

import static dev.responder.app.aci.AciTools.GET_TOPOLOGY;
import static dev.responder.app.aci.AciTools.LOG_PATTERNS;
import static dev.responder.app.aci.AciTools.QUERY_METRICS;
import static dev.responder.app.aci.AciTools.RANK_ROOT_CAUSES;
import static dev.responder.app.aci.AciTools.RECENT_CHANGES;
import static dev.responder.app.aci.AciTools.RUN_DIAGNOSTIC;
import static dev.responder.app.aci.AciTools.TOP_ANOMALIES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in reasoner. Each specialist follows the same explicit strategy over its own tools: orient (topology),
 * survey (new and spiking log templates; the analysis engine or anomalies where in scope), match the signatures of
 * its domain's faults ({@link Playbook}), correlate with changes, propose hypotheses with the evidence and the
 * call that produced it, then run each hypothesis' test and confirm or refute it on the board.
 */
final class HeuristicReasoner implements Reasoner {
  private static final double MIN_TEMPLATE_SCORE = 3.0;
  private static final long MIN_TEMPLATE_COUNT = 3;

  @Override
  public String name() {
    return "heuristic";
  }

  @Override
  public Cost investigate(Assignment a) {
    ToolSession tools = a.tools();
    Topo topo = Topo.from(tools.call(GET_TOPOLOGY).data());
    ToolSession.Call patterns = tools.call(LOG_PATTERNS, "limit", 40);
    List<ToolSession.Call> changes = new ArrayList<>();
    if (tools.registry().has(RECENT_CHANGES)) {
      changes.add(tools.call(RECENT_CHANGES, "limit", 50));
    }
    Set<String> mine = new LinkedHashSet<>();
    for (Playbook.Rule rule : Playbook.of(a.specialist())) {
      mine.addAll(matchRule(a, rule, topo, patterns, changes));
    }
    switch (a.specialist()) {
      case PERFORMANCE -> mine.addAll(rankerHypotheses(a));
      case CHANGE -> mine.addAll(changeHypotheses(a, changes));
      case DATA, ERRORS, SECURITY -> { }
    }
    for (String id : mine) {
      test(a, id);
    }
    return new Cost(tools.calls(), tools.calls(), 0, 0, 0, 0);
  }

  private List<String> matchRule(Assignment a, Playbook.Rule rule, Topo topo, ToolSession.Call patterns,
                                 List<ToolSession.Call> changes) {
    List<String> ids = new ArrayList<>();
    for (JsonNode t : patterns.data().path("templates")) {
      String kind = t.path("kind").asText();
      boolean fresh = kind.equals("new") || kind.equals("spiking");
      if (!fresh || t.path("score").asDouble() < MIN_TEMPLATE_SCORE || t.path("window_count").asLong() < MIN_TEMPLATE_COUNT) {
        continue;
      }
      String text = t.path("sample").asText() + " " + t.path("template").asText();
      if (!rule.pattern().matcher(text).find()) {
        continue;
      }
      String emitter = t.path("services").fieldNames().hasNext() ? t.path("services").fieldNames().next() : "";
      String root = locate(rule, topo, emitter, text);
      if (root == null || root.isEmpty()) {
        continue;
      }
      double confidence = kind.equals("new") ? 0.5 : 0.4;
      List<Evidence> ev = new ArrayList<>();
      ev.add(a.tools().evidence(patterns, "%s log template x%d at %s (baseline %d): %s".formatted(kind,
          t.path("window_count").asLong(), emitter, t.path("baseline_count").asLong(), t.path("template").asText()),
          true, Math.min(1, t.path("score").asDouble() / 20)));
      if (rule.change() != null) {
        Evidence change = changeEvidence(a, changes, root, rule.change().name().toLowerCase(Locale.ROOT));
        if (change == null) {
          confidence *= 0.5;
        } else {
          ev.add(change);
          confidence += 0.25;
        }
      }
      String nextTest = describe(rule.test(), root);
      ids.add(a.board().propose(new Hypothesis("new", rule.statement().formatted(root), ServiceId.of(root), rule.type(),
          Hypothesis.Status.OPEN, Math.min(0.95, confidence), ev, nextTest, a.specialist().agent())));
    }
    return ids;
  }

  private static String locate(Playbook.Rule rule, Topo topo, String emitter, String text) {
    return switch (rule.locus()) {
      case EMITTER -> emitter;
      case NAMED -> {
        String named = topo.named(text, emitter);
        yield named == null ? emitter : named;
      }
      case CACHE_CALLEE -> {
        String cache = topo.callee(emitter, "cache");
        yield cache == null ? topo.named(text, emitter) : cache;
      }
    };
  }

  private static Evidence changeEvidence(Assignment a, List<ToolSession.Call> changes, String service, String kind) {
    for (ToolSession.Call c : changes) {
      for (JsonNode ch : c.data().path("changes")) {
        if (ch.path("service").asText().equals(service) && ch.path("kind").asText().equals(kind)) {
          return a.tools().evidence(c, "change shortly before/during the incident: " + ch.path("summary").asText()
              + " at " + ch.path("ts").asText(), true, 0.7);
        }
      }
    }
    return null;
  }

  private static String describe(Playbook.Test test, String root) {
    return switch (test) {
      case Playbook.MetricUp m -> "query_metrics " + m.metric() + " on " + root + ": must have risen";
      case Playbook.Diagnostic d -> "run_diagnostic " + d.kind().name().toLowerCase(Locale.ROOT) + " on " + root
          + ": must come back unhealthy";
      case Playbook.NoTest n -> "no direct test: compare with the competing hypotheses' evidence";
    };
  }

  /** The analysis engine's two best candidates, typed by the metric that moved most on each. */
  private List<String> rankerHypotheses(Assignment a) {
    ToolSession tools = a.tools();
    ToolSession.Call rank = tools.call(RANK_ROOT_CAUSES, "limit", 3);
    List<String> ids = new ArrayList<>();
    int i = 0;
    for (JsonNode c : rank.data().path("candidates")) {
      if (i >= 2) {
        break;
      }
      String service = c.path("service").asText();
      FaultType type = FaultType.of(c.path("fault_hint").asText("unknown"));
      ToolSession.Call anomalies = tools.call(TOP_ANOMALIES, "service", service, "limit", 8);
      FaultType fromMetrics = metricType(anomalies.data());
      if (!fromMetrics.equals(FaultType.UNKNOWN)) {
        type = fromMetrics;
      }
      List<Evidence> ev = new ArrayList<>(List.of(tools.evidence(rank, "analysis engine ranks " + service + " #" + (i + 1)
          + ": " + c.path("evidence").path(0).asText(), true, i == 0 ? 0.6 : 0.3)));
      if (type.equals(FaultType.UNKNOWN) && tools.registry().has(QUERY_METRICS)) {
        ToolSession.Call memory = tools.call(QUERY_METRICS, "service", service, "metric", "memory_bytes", "by_instance", true);
        String leak = memory.ok() ? LeakShape.find(memory.data()) : null;
        if (leak != null) {
          type = FaultType.MEMORY_LEAK;
          ev.add(tools.evidence(memory, leak + " on " + service, true, 0.6));
        }
      }
      ids.add(a.board().propose(new Hypothesis("new", "%s is the root cause (%s), as the analysis engine ranks it"
          .formatted(service, type), ServiceId.of(service), type, Hypothesis.Status.OPEN, i == 0 ? 0.35 : 0.2, ev,
          "trace_breakdown and log_patterns on " + service + " should show it originating the errors or delay",
          a.specialist().agent())));
      i++;
    }
    return ids;
  }

  private static FaultType metricType(JsonNode anomalies) {
    boolean rpsUp = false;
    for (JsonNode d : anomalies.path("anomalies")) {
      if (d.path("metric").asText().equals("rps") && d.path("score").asDouble() > 4) {
        rpsUp = true;
      }
    }
    for (JsonNode d : anomalies.path("anomalies")) {
      if (Math.abs(d.path("score").asDouble()) > 3 && !d.path("metric").asText().equals("error_rate")) {
        FaultType t = Playbook.fromMetric(d.path("metric").asText(), rpsUp);
        if (!t.equals(FaultType.UNKNOWN)) {
          return t;
        }
      }
    }
    return FaultType.UNKNOWN;
  }

  /** Changes whose service's errors rose afterwards: the change specialist's own line of reasoning. */
  private List<String> changeHypotheses(Assignment a, List<ToolSession.Call> changes) {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ToolSession.Call c : changes) {
      for (JsonNode ch : c.data().path("changes")) {
        String service = ch.path("service").asText();
        String kind = ch.path("kind").asText();
        FaultType type = switch (kind) {
          case "deploy" -> FaultType.BAD_DEPLOY;
          case "config" -> FaultType.CONFIG_ERROR;
          case "flag" -> FaultType.FEATURE_FLAG_BUG;
          default -> null;
        };
        if (type == null || !seen.add(service + "/" + kind)) {
          continue;
        }
        ToolSession.Call errors = a.tools().call(QUERY_METRICS, "service", service, "metric", "error_rate");
        double shift = maxShift(errors.data());
        if (shift > 3) {
          ids.add(a.board().propose(new Hypothesis("new", "the %s change on %s (%s) caused errors there"
              .formatted(kind, service, ch.path("summary").asText()), ServiceId.of(service), type, Hypothesis.Status.OPEN,
              0.3, List.of(a.tools().evidence(c, ch.path("summary").asText() + " at " + ch.path("ts").asText(), true, 0.5),
                  a.tools().evidence(errors, "error_rate on " + service + " rose %.1f sigma after it".formatted(shift), true, 0.5)),
              "roll back in a sandbox: errors should stop", a.specialist().agent())));
        }
      }
    }
    return ids;
  }

  private static double maxShift(JsonNode metrics) {
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode s : metrics.path("series")) {
      max = Math.max(max, s.path("shift_sigma").asDouble());
    }
    return max;
  }

  private void test(Assignment a, String id) {
    Hypothesis h = a.board().get(id);
    if (h.status() != Hypothesis.Status.OPEN) {
      return;
    }
    Playbook.Rule rule = Playbook.RULES.stream().filter(r -> r.type().equals(h.faultType())).findFirst().orElse(null);
    if (rule == null) {
      return;
    }
    String service = h.rootCause().name();
    switch (rule.test()) {
      case Playbook.MetricUp m -> {
        if (!a.tools().registry().has(QUERY_METRICS)) {
          return;
        }
        ToolSession.Call c = a.tools().call(QUERY_METRICS, "service", service, "metric", m.metric(), "by_instance", true);
        double shift = maxShift(c.data());
        String leak = h.faultType().equals(FaultType.MEMORY_LEAK) && c.ok() ? LeakShape.find(c.data()) : null;
        if (leak != null) {
          a.board().confirm(id, a.tools().evidence(c, leak + " on " + service, true, 0.7));
        } else if (!c.ok() || shift < 1) {
          a.board().refute(id, a.tools().evidence(c, m.metric() + " on " + service + " did not rise"
              + (c.ok() ? " (%.1f sigma)".formatted(shift) : ""), false, 0.6));
        } else if (shift > 3) {
          a.board().confirm(id, a.tools().evidence(c, m.metric() + " on " + service + " rose %.1f sigma".formatted(shift), true, 0.7));
        }
      }
      case Playbook.Diagnostic d -> {
        if (!a.tools().registry().has(RUN_DIAGNOSTIC)) {
          return;
        }
        ToolSession.Call c = a.tools().call(RUN_DIAGNOSTIC, "check", d.kind().name().toLowerCase(Locale.ROOT), "service", service);
        if (!c.ok()) {
          return;
        }
        String out = c.data().path("output").asText();
        String line = out.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (c.data().path("healthy").asBoolean(true)) {
          a.board().refute(id, a.tools().evidence(c, d.kind() + " on " + service + " is healthy: " + line, false, 0.8));
        } else {
          a.board().confirm(id, a.tools().evidence(c, d.kind() + " on " + service + " found a problem: " + line, true, 0.9));
        }
      }
      case Playbook.NoTest n -> { }
    }
  }
}
