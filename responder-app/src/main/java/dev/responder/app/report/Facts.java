package dev.responder.app.report;

import dev.responder.app.remediate.Remediation;
import dev.responder.core.action.ActionResult;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the Markdown and HTML renderers both say, computed once from a postmortem. */
final class Facts {
  /** One hypothesis considered, with its verdict and the reason. */
  record Considered(String statement, Hypothesis.Status status, double confidence, String why) {}

  private final Postmortem pm;

  Facts(Postmortem pm) {
    this.pm = pm;
  }

  String title() {
    return "Postmortem " + pm.incident().id() + ": " + pm.incident().title();
  }

  String summary() {
    Incident inc = pm.incident();
    Diagnosis d = inc.diagnosis();
    String cause = d == null ? "The root cause was not determined."
        : "Root cause: " + label(d.faultType().name()) + " at " + d.rootCause() + String.format(Locale.ROOT, " (confidence %.2f).", d.confidence());
    Remediation r = pm.remediation();
    String outcome = r == null ? "No remediation ran." : "Remediation " + r.outcome() + ": " + r.summary() + ".";
    return inc.severity() + " incident detected at " + Text.time(pm.moments().detected()) + " UTC, now " + inc.state() + ". "
        + cause + " " + outcome;
  }

  List<String> impact() {
    Postmortem.Moments m = pm.moments();
    List<String> out = new ArrayList<>();
    out.add("Affected services: " + (pm.incident().services().isEmpty() ? "-"
        : pm.incident().services().stream().map(ServiceId::name).collect(Collectors.joining(", "))));
    if (m.faultStart() != null) {
      out.add("Time to detect: " + Text.duration(Duration.between(m.faultStart(), m.detected())) + " (fault at " + Text.time(m.faultStart()) + ")");
    }
    out.add("Duration: " + (m.mitigated() == null ? "not mitigated"
        : Text.duration(Duration.between(m.faultStart() == null ? m.detected() : m.faultStart(), m.mitigated()))
        + " until mitigation at " + Text.time(m.mitigated())));
    for (MetricSeries s : pm.series()) {
      out.add("SLO signal " + s.metric() + " at " + s.service() + ": baseline " + Text.num(mean(s, pm.window().from(), before()))
          + ", peak " + Text.num(s.points().stream().mapToDouble(MetricSeries.Point::value).max().orElse(Double.NaN)));
    }
    return out;
  }

  /** The accepted diagnosis' evidence, numbered E1, E2, ... in order. */
  List<Evidence> evidence() {
    return pm.incident().diagnosis() == null ? List.of() : pm.incident().diagnosis().evidence();
  }

  List<Considered> hypotheses() {
    return pm.incident().hypotheses().stream().map(h -> new Considered(h.statement(), h.status(), h.confidence(), why(h))).toList();
  }

  private static String why(Hypothesis h) {
    List<Evidence> against = h.evidenceAgainst();
    return switch (h.status()) {
      case REFUTED -> against.isEmpty() ? "refuted" : against.stream().map(e -> e.claim() + " [" + e.source() + "]")
          .collect(Collectors.joining("; "));
      case CONFIRMED -> h.evidenceFor().size() + " supporting facts";
      case OPEN -> "left open" + (h.nextTest().isBlank() ? "" : "; next test: " + h.nextTest());
    };
  }

  List<String> actions() {
    Remediation r = pm.remediation();
    if (r == null) {
      return List.of("None.");
    }
    List<String> out = new ArrayList<>();
    r.sandbox().forEach(s -> out.add("Sandbox: plan " + s.plan().name() + " " + s.verdict()));
    r.approvals().forEach(a -> out.add("Approval " + a.id() + " for " + a.action().describe() + ": " + a.state()
        + (a.decidedBy().isBlank() ? "" : " by " + a.decidedBy()) + (a.comment() == null || a.comment().isBlank() ? "" : " (" + a.comment() + ")")));
    for (ActionResult e : r.executed()) {
      out.add("Executed at " + Text.time(e.at()) + ": " + e.action().describe() + " -> " + (e.succeeded() ? "ok" : "failed") + ", " + e.message());
    }
    r.rolledBack().forEach(e -> out.add("Rolled back: " + e.action().describe() + " -> " + e.message()));
    r.recommended().forEach(a -> out.add("Recommended to people: " + a.describe()));
    out.add("Outcome: " + r.outcome() + ": " + r.summary());
    out.add("Effect: " + effect(r));
    return out;
  }

  private String effect(Remediation r) {
    if (r.executed().isEmpty() || pm.series().isEmpty()) {
      return "no action executed";
    }
    Instant acted = r.executed().getFirst().at();
    MetricSeries s = pm.series().getFirst();
    double pre = mean(s, acted.minus(Duration.ofMinutes(5)), acted);
    Instant last = s.points().getLast().ts().plusMillis(1);
    double post = mean(s, last.minus(Duration.ofMinutes(5)), last);
    return s.metric() + " at " + s.service() + " went from " + Text.num(pre) + " in the 5 minutes before the first action to "
        + Text.num(post) + " in the last 5 minutes observed";
  }

  List<String> cost() {
    var c = pm.cost();
    return List.of("Reasoning steps: " + c.steps() + ", tool calls: " + c.toolCalls(),
        "Tokens: " + c.inputTokens() + " in, " + c.outputTokens() + " out",
        String.format(Locale.ROOT, "Model spend: $%.4f", c.usd()),
        "Investigation wall time: " + Text.duration(Duration.ofMillis(c.wallMs())));
  }

  List<String> followUps() {
    List<String> out = new ArrayList<>();
    Diagnosis d = pm.incident().diagnosis();
    Remediation r = pm.remediation();
    if (d != null) {
      out.add("Fix the underlying " + label(d.faultType().name()) + " in " + d.rootCause()
          + (r != null && r.mitigated() ? "; the mitigation restored service but may not remove the cause." : "."));
    }
    if (pm.moments().faultStart() != null && Duration.between(pm.moments().faultStart(), pm.moments().detected()).toMinutes() >= 5) {
      out.add("Tighten alerting: detection took " + Text.duration(Duration.between(pm.moments().faultStart(), pm.moments().detected())) + ".");
    }
    if (r == null || !r.mitigated()) {
      out.add("An on-call engineer owns the incident until it is mitigated (state " + pm.incident().state() + ").");
    }
    out.add("Review the rejected hypotheses and the evidence above; mark the diagnosis correct or wrong as feedback.");
    return out;
  }

  private Instant before() {
    return pm.moments().faultStart() != null ? pm.moments().faultStart() : pm.moments().detected();
  }

  private static double mean(MetricSeries s, Instant from, Instant to) {
    return s.points().stream().filter(p -> !p.ts().isBefore(from) && p.ts().isBefore(to))
        .mapToDouble(MetricSeries.Point::value).average().orElse(Double.NaN);
  }

  static String label(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
