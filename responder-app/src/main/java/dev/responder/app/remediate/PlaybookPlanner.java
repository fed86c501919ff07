package dev.responder.app.remediate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One remediation playbook per fault type (the fixes in docs/simulator.md, which are the usual runbook answers).
 * Parameters come from what was observed: the deploy, config or flag change to undo, the node named in the logs,
 * the process a process list shows, the address range the logs report. Values read from logs must match strict
 * patterns (a node name, a CIDR range), so free text in telemetry can never become a parameter.
 */
final class PlaybookPlanner implements Planner {
  private static final Pattern NODE = Pattern.compile("\\b(node-\\d{1,3})\\b");
  private static final Pattern CIDR = Pattern.compile("\\b((?:\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2})\\b");
  private static final Pattern FOREIGN = Pattern.compile("(?m)^(\\S+)\\s+\\d+\\s+[\\d.]+\\s+/tmp/\\S*?/([A-Za-z0-9_.-]+)\\s");
  private static final Pattern SUBJECT = Pattern.compile("subject=(\\S+)");
  private static final double TARGET_UTIL = 0.6;

  @Override
  public List<Plan> plans(Diagnosis d, AciContext ctx) {
    Observations obs = new Observations(ctx);
    ServiceId s = d.rootCause();
    List<Plan> out = new ArrayList<>();
    switch (d.faultType().name()) {
      case "bad_deploy", "memory_leak", "slow_query" -> {
        out.add(plan("rollback", d, "errors and latency of " + s + " back within SLO within minutes of the rollout",
            "undo the deploy that preceded the symptoms", rollback(obs, s)));
        if (d.faultType().name().equals("memory_leak")) {
          out.add(plan("restart", d, "heap reset; buys time only, the leak returns", "fresh instances", act(ActionKind.RESTART, s)));
        }
      }
      case "config_error", "retry_storm" -> undoConfig(d, obs, s, out);
      case "feature_flag_bug" -> obs.changes(s, ChangeEvent.Kind.FLAG).stream()
          .filter(c -> c instanceof ChangeEvent.FlagChange f && f.enabled()).reduce((a, b) -> b)
          .ifPresent(c -> out.add(plan("flag-off", d, "errors of " + s + " stop as soon as the flag is off",
              "switch off the flag turned on before the errors", act(ActionKind.TOGGLE_FLAG, s, "flag",
                  ((ChangeEvent.FlagChange) c).flag(), "enabled", "false"))));
      case "cpu_saturation", "queue_lag" -> scaleOut(d, obs, List.of(s), out);
      case "traffic_surge" -> scaleOut(d, obs, saturated(obs, s), out);
      case "connection_pool_exhaustion", "deadlock", "dns_failure", "cache_outage" ->
          out.add(plan("restart", d, "fresh instances of " + s + " serve again within a minute or two",
              "the state that broke (pools, threads, resolver cache, cache process) resets on restart", act(ActionKind.RESTART, s)));
      case "disk_full" -> diskFull(d, obs, s, out);
      case "noisy_neighbour", "network_latency", "packet_loss", "clock_skew" -> {
        obs.fromLogs(s, "node-", NODE).or(() -> obs.fromLogs(null, "node-", NODE)).ifPresent(node ->
            out.add(plan("drain-" + node, d, "pods of " + s + " move off " + node + "; latency and errors recover",
                "the symptoms are confined to " + node, act(ActionKind.DRAIN_NODE, s, "node", node))));
        out.add(plan("drain-first-node", d, "pods move off the node of " + s + "'s first pod", "node-local symptoms",
            act(ActionKind.DRAIN_NODE, s)));
      }
      case "crypto_miner" -> obs.diagnose(DiagnosticCheck.Kind.PROCESS_LIST, s).map(r -> FOREIGN.matcher(r.output()))
          .filter(Matcher::find).ifPresent(m -> out.add(plan("kill-" + m.group(2), d,
              "CPU of " + s + " back to normal at once", "a foreign process " + m.group(2) + " runs on " + m.group(1),
              act(ActionKind.KILL_PROCESS, s, "process", m.group(2), "instance", m.group(1)))));
      case "certificate_expiry" -> renew(d, obs, s, out);
      case "credential_stuffing" -> {
        obs.fromLogs(s, "from", CIDR).ifPresent(range -> out.add(plan("block-" + range, d,
            "login load of " + s + " drops to normal; CPU and latency recover", "the failures come from " + range,
            act(ActionKind.BLOCK_IPS, s, "ips", range))));
        out.add(plan("rate-limit", d, "per-client limits cut the attack's rate", "an attack from few clients",
            act(ActionKind.RATE_LIMIT, s)));
      }
      case "dependency_outage" -> {
        for (ServiceId caller : ctx.topology().callers(s)) {
          out.add(plan("fallback-" + caller, d, "calls of " + caller + " go to the backup provider; errors stop",
              s + " answers 503 for everything", act(ActionKind.TOGGLE_FLAG, caller, "flag", "fallback." + s.name(), "enabled", "true")));
        }
      }
      default -> { }
    }
    return out;
  }

  private static void undoConfig(Diagnosis d, Observations obs, ServiceId s, List<Plan> out) {
    List<ServiceId> where = new ArrayList<>(List.of(s));
    if (d.faultType().name().equals("retry_storm")) {
      where.addAll(obs.context().topology().callers(s));
    }
    for (ServiceId w : where) {
      obs.changes(w, ChangeEvent.Kind.CONFIG).stream().reduce((a, b) -> b).map(c -> (ChangeEvent.ConfigChange) c)
          .ifPresent(c -> out.add(plan("revert-" + c.key() + "@" + w, d, "calls from " + w + " succeed again; errors and load recover",
              "undo the config change " + c.summary() + " that preceded the symptoms",
              act(ActionKind.SET_CONFIG, w, "key", c.key(), "value", c.oldValue()))));
    }
    if (d.faultType().name().equals("config_error")) {
      out.add(plan("rollback", d, "the previous version with its configuration", "no config change found to undo",
          rollback(obs, s)));
    }
  }

  private static void scaleOut(Diagnosis d, Observations obs, List<ServiceId> services, List<Plan> out) {
    if (services.isEmpty()) {
      return;
    }
    List<Action> sized = new ArrayList<>();
    Map<Integer, List<Action>> byFactor = new LinkedHashMap<>();
    for (ServiceId s : services) {
      int n = obs.replicas(s).orElse(1);
      double cpu = obs.recentMean(s, "cpu_util").orElse(1.0);
      sized.add(act(ActionKind.SCALE, s, "replicas", Integer.toString(Math.min(200, Math.max(n + 1, (int) Math.ceil(n * cpu / TARGET_UTIL))))));
      for (int f : List.of(2, 3, 4)) {
        byFactor.computeIfAbsent(f, k -> new ArrayList<>()).add(act(ActionKind.SCALE, s, "replicas", Integer.toString(Math.min(200, n * f))));
      }
    }
    String names = services.toString();
    out.add(plan("scale-to-60pct", d, "utilisation of " + names + " under ~60 %; latency and 503s recover", "saturation", sized));
    byFactor.forEach((f, actions) -> out.add(plan("scale-x" + f, d, "capacity of " + names + " x" + f, "saturation", actions)));
  }

  private static List<ServiceId> saturated(Observations obs, ServiceId root) {
    List<ServiceId> out = new ArrayList<>(List.of(root));
    for (ServiceId s : obs.context().topology().services()) {
      boolean operated = obs.context().topology().edges().stream().noneMatch(e -> e.callee().equals(s)
          && (e.kind() == DependencyEdge.Kind.DATABASE || e.kind() == DependencyEdge.Kind.EXTERNAL));
      if (!s.equals(root) && operated && obs.recentMean(s, "cpu_util").orElse(0) > 0.75) {
        out.add(s);
      }
    }
    return out;
  }

  private static void diskFull(Diagnosis d, Observations obs, ServiceId s, List<Plan> out) {
    boolean database = obs.context().topology().edges().stream()
        .anyMatch(e -> e.callee().equals(s) && e.kind() == DependencyEdge.Kind.DATABASE);
    if (database) {
      out.add(plan("failover", d, "queries move to the replica with free disk", "the primary's disk is full", act(ActionKind.FAILOVER, s)));
      return;
    }
    Optional<String> full = obs.worstInstance(s, "disk_used_ratio");
    full.ifPresent(i -> out.add(plan("restart-" + i, d, "ephemeral storage of " + i + " wiped; its errors stop",
        "only " + i + " is out of disk", act(ActionKind.RESTART, s, "instance", i))));
    out.add(plan("restart", d, "ephemeral storage of every instance wiped", "disk full", act(ActionKind.RESTART, s)));
  }

  private static void renew(Diagnosis d, Observations obs, ServiceId s, List<Plan> out) {
    obs.diagnose(DiagnosticCheck.Kind.TLS_CERTIFICATE, s).filter(r -> !r.healthy())
        .map(r -> SUBJECT.matcher(r.output())).filter(Matcher::find).ifPresent(m -> {
          String notAfter = obs.context().window().to().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS).toString();
          out.add(plan("renew-certificate", d, "callers' TLS handshakes succeed again", "the certificate of " + s + " has expired",
              act(ActionKind.SET_CONFIG, s, "key", "tls.certificate", "value", m.group(1) + "; notAfter=" + notAfter)));
        });
  }

  private static Action rollback(Observations obs, ServiceId s) {
    return obs.changes(s, ChangeEvent.Kind.DEPLOY).stream().reduce((a, b) -> b)
        .map(c -> act(ActionKind.ROLLBACK, s, "version", ((ChangeEvent.Deploy) c).fromVersion()))
        .orElse(act(ActionKind.ROLLBACK, s));
  }

  private static Plan plan(String name, Diagnosis d, String effect, String why, Action... actions) {
    return plan(name, d, effect, why, List.of(actions));
  }

  private static Plan plan(String name, Diagnosis d, String effect, String why, List<Action> actions) {
    return new Plan(name, actions, effect, why + " (diagnosis: " + d.faultType() + " at " + d.rootCause() + ")", d);
  }

  private static Action act(ActionKind kind, ServiceId target, String... kv) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return ActionCatalog.standard().normalise(new Action(kind, target, p, ActionCatalog.standard().spec(kind).risk(),
        ActionCatalog.standard().spec(kind).reversibility(), "planned for " + kind.name().toLowerCase(java.util.Locale.ROOT)));
  }
}
