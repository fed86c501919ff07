package dev.responder.app.remediate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.action.Action;
import dev.responder.core.action.Approval;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Incident;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.AuditLog;
import dev.responder.core.port.IncidentRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The remediation loop after a diagnosis: plan, try every plan in a sandbox, gate the chosen one by policy and
 * approvals, execute, verify, roll back if it made things worse, and move the incident to MITIGATED or ESCALATED.
 * A plan that fails in the sandbox never runs; when none passes, the next hypotheses are tried (the diagnosis is
 * revisited). A rejected approval sends the loop to the next plan that passed. Every step is audited.
 */
public final class Remediator {
  private final Planner planner;
  private final Settings settings;
  private final Approver approver;
  private final Ports ports;
  private final InstantSource clock;
  private final Execution execution;

  private Remediator(Planner planner, Settings settings, Approver approver, Ports ports, InstantSource clock) {
    this.planner = Objects.requireNonNull(planner, "planner");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.approver = Objects.requireNonNull(approver, "approver");
    this.ports = Objects.requireNonNull(ports, "ports");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.execution = new Execution(settings);
  }

  /**
   * @param clock wall time for audit records and approvals (the environment keeps its own clock)
   */
  public static Remediator create(Planner planner, Settings settings, Approver approver, Ports ports, InstantSource clock) {
    return new Remediator(planner, settings, approver, ports, clock);
  }

  /**
   * @param environment the environment name the policy is looked up under
   * @param verifyHold how long SLOs must hold after execution for the incident to count as mitigated
   * @param verifyTimeout how long to wait for that before escalating
   * @param maxDiagnoses how many hypotheses (the accepted diagnosis first) to plan for before escalating
   */
  public record Settings(Policy policy, String environment, Sandbox sandbox, Duration verifyHold, Duration verifyTimeout,
                         int maxDiagnoses) {
    public Settings {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(sandbox, "sandbox");
      if (verifyTimeout.compareTo(verifyHold) < 0) {
        throw new ConfigException("verify timeout must be >= the hold of " + verifyHold + " but was " + verifyTimeout);
      }
      if (maxDiagnoses < 1) {
        throw new ConfigException("max diagnoses must be >= 1 but was " + maxDiagnoses);
      }
    }

    public static Settings of(Policy policy, String environment) {
      return new Settings(policy, environment, Sandbox.defaults(), Duration.ofMinutes(5), Duration.ofMinutes(15), 3);
    }
  }

  /** Where approvals, audit records and incidents are kept; {@code incidents} may be null. */
  public record Ports(ApprovalRepository approvals, AuditLog audit, IncidentRepository incidents) {
    public Ports {
      Objects.requireNonNull(approvals, "approvals");
      Objects.requireNonNull(audit, "audit");
    }
  }

  /**
   * Remediates a diagnosed incident. If the audit log holds a plan selected for this incident and not finished (a
   * crash), that plan resumes instead, and no step already started runs again.
   *
   * @param diagnoses the accepted diagnosis first, then the alternatives worth revisiting
   * @param proposals actions agents proposed through the ACT tools; only those the diagnosis supports are kept
   */
  public Remediation remediate(Incident incident, List<Diagnosis> diagnoses, List<Action> proposals, AciContext ctx,
                               ManagedEnvironment live) {
    Run run = new Run(incident, new AuditTrail(ports.audit(), clock, incident.id()), ports.incidents());
    Optional<Execution.Pending> pending = Execution.pending(run.trail);
    if (pending.isPresent()) {
      return execution.resume(run, pending.get(), live);
    }
    List<SandboxResult> passing = validate(run, diagnoses, proposals, ctx, live);
    if (passing.isEmpty()) {
      return run.finish(Remediation.Outcome.ESCALATED, live.now(), "no plan passed the sandbox for "
          + diagnoses.stream().limit(settings.maxDiagnoses()).map(d -> d.faultType() + " at " + d.rootCause()).toList());
    }
    for (SandboxResult ok : passing) {
      Gate gate = gate(run, ok.plan(), live);
      switch (gate) {
        case EXECUTE -> {
          return execution.run(run, ok.plan(), live);
        }
        case RECOMMEND -> {
          run.plan = ok.plan();
          run.recommended.addAll(ok.plan().actions());
          return run.finish(Remediation.Outcome.RECOMMENDED, live.now(), ok.plan().describe() + " (" + ok.plan().expectedEffect() + ")");
        }
        case EXPIRED -> {
          return run.finish(Remediation.Outcome.ESCALATED, live.now(), "approval for " + ok.plan().describe()
              + " expired; escalated to people");
        }
        case NEXT -> run.note(live.now(), "action", "plan " + ok.plan().name() + " not executed; trying the next one");
      }
    }
    return run.finish(Remediation.Outcome.ESCALATED, live.now(), "every plan that passed the sandbox was blocked or rejected");
  }

  private List<SandboxResult> validate(Run run, List<Diagnosis> diagnoses, List<Action> proposals, AciContext ctx,
                                       ManagedEnvironment live) {
    List<SandboxResult> passing = new ArrayList<>();
    int tried = 0;
    for (Diagnosis d : diagnoses) {
      if (tried++ == settings.maxDiagnoses()) {
        break;
      }
      List<Plan> plans = new ArrayList<>(planner.plans(d, ctx));
      if (tried == 1) {
        plans.addAll(0, Proposals.screen(proposals, plans, d, run.trail));
      }
      for (Plan p : plans) {
        run.trail.write("planner", AuditTrail.PROPOSAL, p.name() + ": " + p.describe(), withPlan(p, AuditTrail.evidence(d)));
        List<String> problems = p.actions().stream().flatMap(a -> ActionCatalog.standard().check(a, ctx.topology()).stream()).toList();
        SandboxResult r = problems.isEmpty() ? settings.sandbox().validate(live, p) : new SandboxResult(p, false, List.of(),
            java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), null, Duration.ZERO, "refused: " + String.join("; ", problems));
        run.sandbox.add(r);
        run.trail.write("sandbox", AuditTrail.SANDBOX, p.name() + " " + r.verdict(), Map.of("plan", p.name(), "passed", Boolean.toString(r.passed())));
        if (r.passed()) {
          passing.add(r);
        }
      }
      if (!passing.isEmpty()) {
        run.basis = d;
        return passing;
      }
      run.note(live.now(), "diagnosis", "no plan for " + d.faultType() + " at " + d.rootCause() + " passed the sandbox; revisiting the diagnosis");
    }
    return passing;
  }

  private static Map<String, String> withPlan(Plan p, Map<String, String> evidence) {
    Map<String, String> m = new LinkedHashMap<>(evidence);
    m.put("plan", p.name());
    m.put("steps", Execution.steps(p.actions()));
    m.put("expected_effect", p.expectedEffect());
    m.put("rationale", p.rationale());
    return m;
  }

  private enum Gate { EXECUTE, RECOMMEND, NEXT, EXPIRED }

  private Gate gate(Run run, Plan plan, ManagedEnvironment live) {
    List<PolicyDecision> decisions = new ArrayList<>();
    for (Action a : plan.actions()) {
      int instances = ActionCatalog.standard().blastRadius(a, Map.of(), live.environment().topology()).instances();
      PolicyDecision d = settings.policy().decide(a, settings.environment(), instances, run.executed.size() + decisions.size(),
          live.now());
      decisions.add(d);
      run.decisions.add(d);
      run.trail.write("policy", AuditTrail.POLICY, d.explanation(), AuditTrail.action(a, Map.of("verdict", d.verdict().name(),
          "level", d.level().name())));
    }
    if (decisions.stream().anyMatch(d -> d.verdict() == PolicyDecision.Verdict.BLOCKED)) {
      return Gate.NEXT;
    }
    if (decisions.stream().anyMatch(d -> d.verdict() == PolicyDecision.Verdict.RECOMMEND)) {
      return Gate.RECOMMEND;
    }
    for (PolicyDecision d : decisions) {
      if (d.verdict() == PolicyDecision.Verdict.NEEDS_APPROVAL) {
        Approval decided = approve(run, plan, d);
        if (decided.state() == Approval.State.EXPIRED) {
          return Gate.EXPIRED;
        }
        if (decided.state() != Approval.State.APPROVED) {
          return Gate.NEXT;
        }
      }
    }
    return Gate.EXECUTE;
  }

  private Approval approve(Run run, Plan plan, PolicyDecision d) {
    String id = run.incident.id() + "-" + (ports.approvals().forIncident(run.incident.id()).size() + 1);
    Approval pending = Approval.request(id, run.incident.id(), d.action(), d.explanation() + "; plan " + plan.name()
        + " passed the sandbox; expected: " + plan.expectedEffect(), clock.instant());
    ports.approvals().save(pending);
    run.note(pending.requestedAt(), "approval", "requested " + id + ": " + d.action().describe());
    run.save();
    run.trail.write("remediator", AuditTrail.APPROVAL, "requested " + id + ": " + d.action().describe(),
        AuditTrail.action(d.action(), Map.of("approval", id, "state", "PENDING", "reason", pending.reason())));
    Approval decided = approver.decide(pending);
    ports.approvals().save(decided);
    run.approvals.add(decided);
    run.note(decided.decidedAt() == null ? clock.instant() : decided.decidedAt(), "approval", decided.state() + " " + id
        + (decided.decidedBy().isEmpty() ? "" : " by " + decided.decidedBy()) + (decided.comment().isEmpty() ? "" : ": " + decided.comment()));
    run.save();
    run.trail.write(decided.decidedBy().isEmpty() ? "responder" : decided.decidedBy(), AuditTrail.APPROVAL,
        decided.state().name().toLowerCase(java.util.Locale.ROOT) + " " + id + (decided.comment().isEmpty() ? "" : ": " + decided.comment()),
        Map.of("approval", id, "state", decided.state().name(), "by", decided.decidedBy(), "comment", decided.comment()));
    return decided;
  }
}
