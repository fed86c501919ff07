package dev.responder.app.remediate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.ActionResult;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.error.PermanentException;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes a selected plan step by step, verifies it and rolls it back when it made things worse. Every step is
 * written to the audit log before it runs ({@code execution}) and after ({@code result}), so a plan interrupted by
 * a crash resumes from the audit log without running any step twice: a step whose execution was recorded is never
 * repeated, even when its result was not (it is reported as in doubt and verification decides).
 */
final class Execution {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Pattern SCALED = Pattern.compile("from (\\d+) to \\d+ replicas");
  private static final Pattern WAS = Pattern.compile("\\(was (.*)\\)$");
  private final Remediator.Settings settings;

  Execution(Remediator.Settings settings) {
    this.settings = settings;
  }

  /** The plan selected for the incident and not finished, from the audit log. */
  static Optional<Pending> pending(AuditTrail trail) {
    Pending found = null;
    for (AuditRecord r : trail.records()) {
      switch (r.kind()) {
        case AuditTrail.PLAN -> found = new Pending(r.summary(), actions(r.details().get("steps")), new TreeSet<>());
        case AuditTrail.EXECUTION -> {
          if (found != null) {
            found.started().add(Integer.parseInt(r.details().get("step")));
          }
        }
        case AuditTrail.OUTCOME -> found = null;
        default -> { }
      }
    }
    return Optional.ofNullable(found);
  }

  /** A selected plan found in the audit log, and the steps already started. */
  record Pending(String name, List<Action> actions, Set<Integer> started) {}

  Remediation run(Run run, Plan plan, ManagedEnvironment live) {
    run.plan = plan;
    run.trail.write("remediator", AuditTrail.PLAN, plan.name(), Map.of("steps", steps(plan.actions()),
        "expected_effect", plan.expectedEffect(), "rationale", plan.rationale()));
    run.move(IncidentState.MITIGATING, live.now(), "executing plan " + plan.name() + ": " + plan.describe());
    return steps(run, plan.actions(), Set.of(), live);
  }

  Remediation resume(Run run, Pending p, ManagedEnvironment live) {
    run.plan = new Plan(p.name(), p.actions(), "", "resumed after a restart", run.incident.diagnosis());
    run.trail.write("remediator", AuditTrail.PLAN + "_resumed", p.name(), Map.of("started", p.started().toString()));
    for (int i : p.started()) {
      run.note(live.now(), "action", "step " + i + " (" + p.actions().get(i).describe() + ") was started before the "
          + "restart; not repeated, verification decides");
    }
    run.move(IncidentState.MITIGATING, live.now(), "resuming plan " + p.name());
    return steps(run, p.actions(), p.started(), live);
  }

  private Remediation steps(Run run, List<Action> actions, Set<Integer> skip, ManagedEnvironment live) {
    Set<ServiceId> before = live.breaching();
    for (int i = 0; i < actions.size(); i++) {
      if (skip.contains(i)) {
        continue;
      }
      Action a = actions.get(i);
      run.trail.write("remediator", AuditTrail.EXECUTION, "step " + i + ": " + a.describe(),
          AuditTrail.action(a, Map.of("step", Integer.toString(i))));
      ActionResult r = live.environment().execute(a);
      run.executed.add(r);
      run.trail.write("environment", AuditTrail.RESULT, (r.succeeded() ? "ok: " : "failed: ") + r.message(),
          AuditTrail.action(a, Map.of("step", Integer.toString(i), "succeeded", Boolean.toString(r.succeeded()))));
      run.note(live.now(), "action", (r.succeeded() ? "executed " : "failed ") + a.describe() + ": " + r.message());
      if (!r.succeeded()) {
        rollback(run, live);
        return run.finish(Remediation.Outcome.ESCALATED, live.now(), "step " + i + " failed: " + r.message());
      }
    }
    return verify(run, before, live);
  }

  private Remediation verify(Run run, Set<ServiceId> before, ManagedEnvironment live) {
    for (Duration t = STEP; t.compareTo(settings.verifyTimeout()) <= 0; t = t.plus(STEP)) {
      live.await(STEP);
      Duration held = live.healthyFor();
      if (held.compareTo(settings.verifyHold()) >= 0) {
        run.mitigatedAt = live.now();
        run.trail.write("remediator", AuditTrail.VERIFICATION, "SLOs within bounds for " + held.toMinutes() + " min",
            Map.of("healthy_for_s", Long.toString(held.toSeconds())));
        return run.finish(Remediation.Outcome.MITIGATED, live.now(), "SLOs within bounds for " + held.toMinutes()
            + " min after " + run.plan.describe());
      }
      Set<ServiceId> worse = new TreeSet<>(live.breaching());
      worse.removeAll(before);
      if (t.compareTo(settings.sandbox().grace()) > 0 && !worse.isEmpty()) {
        run.trail.write("remediator", AuditTrail.VERIFICATION, "worse: new SLO breaches on " + worse, Map.of("new_alerts", worse.toString()));
        rollback(run, live);
        return run.finish(Remediation.Outcome.ESCALATED, live.now(), "the plan made things worse (new breaches on "
            + worse + "); rolled back");
      }
    }
    run.trail.write("remediator", AuditTrail.VERIFICATION, "SLOs did not hold within " + settings.verifyTimeout(),
        Map.of("breaching", live.breaching().toString()));
    return run.finish(Remediation.Outcome.ESCALATED, live.now(), "SLOs did not recover within "
        + settings.verifyTimeout().toMinutes() + " min; still breaching " + live.breaching());
  }

  private void rollback(Run run, ManagedEnvironment live) {
    List<ActionResult> done = new ArrayList<>(run.executed);
    java.util.Collections.reverse(done);
    for (ActionResult r : done) {
      if (!r.succeeded()) {
        continue;
      }
      Optional<Action> inverse = ActionCatalog.standard().inverse(r.action(), before(r));
      if (inverse.isEmpty()) {
        run.trail.write("remediator", AuditTrail.ROLLBACK, "cannot undo " + r.action().describe(), AuditTrail.action(r.action(), Map.of()));
        continue;
      }
      ActionResult undo = live.environment().execute(inverse.get());
      run.rolledBack.add(undo);
      run.trail.write("remediator", AuditTrail.ROLLBACK, (undo.succeeded() ? "undone: " : "undo failed: ") + undo.message(),
          AuditTrail.action(inverse.get(), Map.of("undoes", r.action().describe())));
    }
  }

  private static Map<String, String> before(ActionResult r) {
    Map<String, String> m = new HashMap<>();
    Matcher scaled = SCALED.matcher(r.message());
    if (r.action().kind() == ActionKind.SCALE && scaled.find()) {
      m.put("replicas", scaled.group(1));
    }
    Matcher was = WAS.matcher(r.message());
    if (r.action().kind() == ActionKind.SET_CONFIG && was.find()) {
      m.put("value", was.group(1));
    }
    return m;
  }

  static String steps(List<Action> actions) {
    var array = JSON.createArrayNode();
    for (Action a : actions) {
      ObjectNode o = array.addObject();
      o.put("kind", a.kind().name());
      o.put("target", a.target().name());
      ObjectNode params = o.putObject("params");
      a.params().forEach(params::put);
      o.put("rationale", a.rationale());
    }
    return array.toString();
  }

  static List<Action> actions(String steps) {
    try {
      List<Action> out = new ArrayList<>();
      for (JsonNode o : JSON.readTree(steps)) {
        Map<String, String> params = new LinkedHashMap<>();
        o.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        ActionKind kind = ActionKind.valueOf(o.get("kind").asText());
        out.add(ActionCatalog.standard().normalise(new Action(kind, ServiceId.of(o.get("target").asText()), params,
            ActionCatalog.standard().spec(kind).risk(), ActionCatalog.standard().spec(kind).reversibility(),
            o.path("rationale").asText())));
      }
      return out;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new PermanentException("cannot read the plan steps in the audit log: " + e.getMessage(), e);
    }
  }
}
