package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.error.ConfigException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Autonomy per action class and per environment, limits and change-freeze windows. Destructive actions (high risk
 * or irreversible, see {@link ActionSpec#destructive()}) are never AUTONOMOUS unless their class is named
 * explicitly with that level: a default of AUTONOMOUS stops at SUPERVISED for them. Every decision says why.
 *
 * @param defaultLevel the level of action classes not listed anywhere
 * @param actions levels per action class, in every environment
 * @param environments overrides per environment name ({@code prod}, {@code staging}, {@code sim}, ...)
 * @param ceiling no decision goes above this level (the {@code --autonomy} option of a run)
 */
public record Policy(AutonomyLevel defaultLevel, Map<ActionKind, AutonomyLevel> actions,
                     Map<String, EnvironmentPolicy> environments, Limits limits, List<Freeze> freezes,
                     AutonomyLevel ceiling) {
  public Policy {
    Objects.requireNonNull(defaultLevel, "defaultLevel");
    actions = actions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(actions));
    environments = Map.copyOf(environments);
    Objects.requireNonNull(limits, "limits");
    freezes = List.copyOf(freezes);
    Objects.requireNonNull(ceiling, "ceiling");
  }

  /** Levels that one environment sets; a null default falls back to the policy's. */
  public record EnvironmentPolicy(AutonomyLevel defaultLevel, Map<ActionKind, AutonomyLevel> actions) {
    public EnvironmentPolicy {
      actions = actions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(actions));
    }
  }

  /**
   * @param maxActionsPerIncident actions executed for one incident, rollbacks of our own actions included
   * @param maxInstancesAtOnce an action touching more instances than this needs approval even when autonomous
   */
  public record Limits(int maxActionsPerIncident, int maxInstancesAtOnce) {
    public Limits {
      if (maxActionsPerIncident < 1) {
        throw new ConfigException("autonomy.limits.max-actions-per-incident must be >= 1 but was " + maxActionsPerIncident);
      }
      if (maxInstancesAtOnce < 1) {
        throw new ConfigException("autonomy.limits.max-instances-at-once must be >= 1 but was " + maxInstancesAtOnce);
      }
    }

    public static Limits defaults() {
      return new Limits(5, 10);
    }
  }

  /** A change freeze: no action runs in {@code [from, to)}; they are only recommended. */
  public record Freeze(Instant from, Instant to, String reason) {
    public Freeze {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!to.isAfter(from)) {
        throw new ConfigException("autonomy.freeze window must end after it starts but was " + from + " .. " + to);
      }
      reason = reason == null || reason.isBlank() ? "change freeze" : reason;
    }
  }

  /** The built-in policy: SUPERVISED for everything, default limits, no freeze. */
  public static Policy defaults() {
    return new Policy(AutonomyLevel.SUPERVISED, Map.of(), Map.of(), Limits.defaults(), List.of(), AutonomyLevel.AUTONOMOUS);
  }

  /** This policy for a run that allows at most {@code level}, which also becomes the default of unlisted classes. */
  public Policy forRun(AutonomyLevel level) {
    Map<String, EnvironmentPolicy> envs = new java.util.HashMap<>();
    environments.forEach((k, v) -> envs.put(k, new EnvironmentPolicy(null, v.actions())));
    return new Policy(level, actions, envs, limits, freezes, level);
  }

  /**
   * Decides one action.
   *
   * @param environment where it would run
   * @param instances how many instances it touches (its blast radius)
   * @param executedSoFar actions already executed for the incident
   */
  public PolicyDecision decide(Action action, String environment, int instances, int executedSoFar, Instant now) {
    ActionSpec spec = ActionCatalog.standard().spec(action.kind());
    String what = spec.toolName() + " of " + action.target();
    for (Freeze f : freezes) {
      if (!now.isBefore(f.from()) && now.isBefore(f.to())) {
        return new PolicyDecision(action, PolicyDecision.Verdict.RECOMMEND, AutonomyLevel.RECOMMEND,
            "recommend only: " + f.reason() + " until " + f.to() + " (" + what + ")");
      }
    }
    if (executedSoFar >= limits.maxActionsPerIncident()) {
      return new PolicyDecision(action, PolicyDecision.Verdict.BLOCKED, AutonomyLevel.OBSERVE,
          "blocked: " + what + " would exceed " + limits.maxActionsPerIncident() + " actions for this incident");
    }
    EnvironmentPolicy env = environments.get(environment);
    AutonomyLevel explicit = env != null && env.actions().containsKey(action.kind()) ? env.actions().get(action.kind())
        : actions.get(action.kind());
    AutonomyLevel level = explicit != null ? explicit
        : env != null && env.defaultLevel() != null ? env.defaultLevel() : defaultLevel;
    String note = "";
    if (level.compareTo(ceiling) > 0) {
      level = ceiling;
      note = " (this run allows at most " + ceiling + ")";
    }
    if (level == AutonomyLevel.AUTONOMOUS && spec.destructive() && explicit == null) {
      level = AutonomyLevel.SUPERVISED;
      note = " (" + spec.risk().name().toLowerCase(Locale.ROOT) + " risk, " + spec.reversibility().name().toLowerCase(Locale.ROOT)
          + ": never autonomous unless autonomy." + spec.toolName() + " is set explicitly)";
    }
    if (level == AutonomyLevel.AUTONOMOUS && instances > limits.maxInstancesAtOnce()) {
      level = AutonomyLevel.SUPERVISED;
      note = " (touches " + instances + " instances, more than the " + limits.maxInstancesAtOnce() + " allowed at once)";
    }
    return switch (level) {
      case OBSERVE -> new PolicyDecision(action, PolicyDecision.Verdict.BLOCKED, level,
          "blocked: " + what + " is OBSERVE only in " + environment + note);
      case RECOMMEND -> new PolicyDecision(action, PolicyDecision.Verdict.RECOMMEND, level,
          "recommend only: " + what + " is RECOMMEND in " + environment + note);
      case SUPERVISED -> new PolicyDecision(action, PolicyDecision.Verdict.NEEDS_APPROVAL, level,
          "needs approval: " + what + " needs approval in " + environment + note);
      case AUTONOMOUS -> new PolicyDecision(action, PolicyDecision.Verdict.EXECUTE, level,
          "allowed: " + what + " is AUTONOMOUS in " + environment + note);
    };
  }
}
