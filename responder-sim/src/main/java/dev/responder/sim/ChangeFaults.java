package dev.responder.sim;

import static dev.responder.core.telemetry.Severity.ERROR;
import static dev.responder.core.telemetry.Severity.INFO;
import static dev.responder.core.telemetry.Severity.WARN;
import static dev.responder.sim.Kinds.act;
import static dev.responder.sim.Kinds.def;
import static dev.responder.sim.Kinds.one;
import static dev.responder.sim.Kinds.perError;
import static dev.responder.sim.Kinds.perSecond;

import dev.responder.core.action.ActionKind;
import dev.responder.core.incident.FaultType;
import java.util.List;

/** Faults that arrive with a change: a deploy, a config change, a flag, a migration, a retry policy. */
final class ChangeFaults {
  private ChangeFaults() {}

  static List<FaultKind> kinds() {
    return List.of(badDeploy(), memoryLeak(), configError(), flagBug(), slowQuery(), retryStorm());
  }

  private static FaultKind badDeploy() {
    return new FaultKind(def(FaultType.BAD_DEPLOY, "A new version with a bug is rolled out; a share of requests fails.",
        "an application service", "Deploy change event, then error_rate and NullPointerException logs on the target from "
            + "that moment; callers' errors follow", "rollback to the previous version", "scale out or restart"),
        Kinds::service, null,
        (f, c) -> {
          c.deploy(Kinds.nextVersion(c.service().version), "ci-pipeline");
          c.impair("", new Trigger.WhileVersion(c.facts.get("version")), List.of(new Effect.Errors(0.15 + 0.35 * f.intensity())),
              List.of(perError(ERROR, "java.lang.NullPointerException: Cannot invoke \"com.shop.model.Order.getTotal()\" "
                  + "because \"order\" is null at com.shop." + c.name().replace("-", "") + ".OrderService.place(OrderService.java:214)", 0.6)));
        },
        x -> one(ActionKind.ROLLBACK, x.fault().target(), "version", x.fact("previous_version")),
        x -> List.of(act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(2 * x.replicas(x.fault().target()))),
            act(ActionKind.RESTART, x.fault().target())));
  }

  private static FaultKind memoryLeak() {
    return new FaultKind(def(FaultType.MEMORY_LEAK, "A new version leaks heap; instances grow until OOM-killed and restart.",
        "an application service", "memory_bytes ramps per instance, gc_pause_ms climbs, OOMKilled/BackOff k8s events, "
            + "Restart change events, OutOfMemoryError logs; a Deploy shortly before",
        "rollback to the previous version", "restart (buys time; the leak comes back), scale out"),
        Kinds::service, null,
        (f, c) -> {
          c.deploy(Kinds.nextVersion(c.service().version), "ci-pipeline");
          long limit = c.spec().resources().memoryBytes();
          var instances = c.service().instances;
          for (int i = 0; i < instances.size(); i++) {
            // Instances leak at slightly different rates, so they are not all killed at once.
            double rate = limit * 0.55 / (480 - 240 * f.intensity()) * (0.85 + 0.3 * i / Math.max(1, instances.size() - 1));
            c.impair(instances.get(i).name, new Trigger.WhileVersion(c.facts.get("version")),
                List.of(new Effect.MemoryLeak(rate)),
                List.of(perSecond(WARN, "[gc] Pause Full (G1 Compaction Pause) heap did not shrink after full GC; "
                    + "old gen occupancy still high", 0.1)));
          }
        },
        x -> one(ActionKind.ROLLBACK, x.fault().target(), "version", x.fact("previous_version")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target()),
            act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(2 * x.replicas(x.fault().target())))));
  }

  private static FaultKind configError() {
    return new FaultKind(def(FaultType.CONFIG_ERROR, "A configuration change points the service at a wrong endpoint, "
            + "port or timeout for one of its callees.", "an application service with a callee",
        "ConfigChange event, then errors on the target's calls to the peer: Connection refused, UnknownHostException "
            + "or SocketTimeoutException naming the peer", "set the key back to its previous value", "restart, scale out"),
        Kinds::withServiceCallee, Kinds::firstServiceCallee,
        (f, c) -> {
          String peer = c.peer();
          int variant = c.pick(3);
          String key = variant == 2 ? "client.timeout_ms" : "upstream." + peer + ".url";
          String value = switch (variant) {
            case 0 -> "http://" + peer + ":8081";
            case 1 -> "http://" + peer + "-v2:8080";
            default -> "20";
          };
          c.config(key, value, "ops@shop");
          String line = switch (variant) {
            case 0 -> "java.net.ConnectException: Connection refused: " + peer + "/10.0.4.17:8081";
            case 1 -> "java.net.UnknownHostException: " + peer + "-v2: Name or service not known";
            default -> "java.net.SocketTimeoutException: Read timed out after 20 ms calling " + peer;
          };
          List<Effect> effects = variant == 2 ? List.of()
              : List.of(new Effect.EdgeFault(f.peer(), 0, 1.0, true));
          c.impair("", new Trigger.WhileConfig(key, value), effects, List.of(perError(ERROR, line, 0.6)));
        },
        x -> one(ActionKind.SET_CONFIG, x.fault().target(), "key", x.fact("key"), "value", x.fact("original_value")),
        x -> List.of(act(ActionKind.RESTART, x.fault().target()),
            act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(2 * x.replicas(x.fault().target())))));
  }

  private static FaultKind flagBug() {
    return new FaultKind(def(FaultType.FEATURE_FLAG_BUG, "A feature flag is switched on and its new code path fails.",
        "an application service", "FlagChange event, then errors and IllegalArgumentException logs naming the flag "
            + "on the target; no deploy", "switch the flag off", "rollback (the flag stays on), restart"),
        Kinds::service, null,
        (f, c) -> {
          String flag = c.service().flags.entrySet().stream().filter(e -> !e.getValue()).map(java.util.Map.Entry::getKey)
              .findFirst().orElse(c.name() + ".new-code-path");
          c.flag(flag, true, "growth-team");
          c.impair("", new Trigger.WhileFlag(flag), List.of(new Effect.Errors(0.2 + 0.3 * f.intensity()), new Effect.Latency(40)),
              List.of(perError(ERROR, "java.lang.IllegalArgumentException: Unsupported rule 'BOGO_V2' in code path behind "
                  + "flag " + flag + " at com.shop.rules.RuleEngine.apply(RuleEngine.java:88)", 0.6)));
        },
        x -> one(ActionKind.TOGGLE_FLAG, x.fault().target(), "flag", x.fact("flag"), "enabled", "false"),
        x -> List.of(act(ActionKind.RESTART, x.fault().target()),
            act(ActionKind.SCALE, x.fault().target(), "replicas", Integer.toString(2 * x.replicas(x.fault().target())))));
  }

  private static FaultKind slowQuery() {
    return new FaultKind(def(FaultType.SLOW_QUERY, "A schema migration drops an index; a hot query scans a table.",
        "a database", "Deploy of the database (schema migration), then its cpu_util and latency climb, postgres "
            + "'duration: ... ms statement' logs, callers' connpool_util and latency rise",
        "rollback the migration (rollback the database)", "fail over (the replica has the same schema), scale callers"),
        (g, s) -> g.spec(s).kind() == ServiceSpec.Kind.DATABASE, null,
        (f, c) -> {
          c.deploy(c.service().version + "+schema-" + (43 + c.pick(20)), "flyway");
          c.impair("", new Trigger.WhileVersion(c.facts.get("version")), List.of(new Effect.SlowQueries(5 + 8 * f.intensity())),
              List.of(perSecond(INFO, "LOG:  duration: {ms} ms  statement: SELECT o.id, o.total FROM orders o WHERE "
                      + "o.customer_id = $1 ORDER BY o.created_at DESC", 4),
                  perSecond(INFO, "LOG:  temporary file: path \"base/pgsql_tmp/pgsql_tmp{n}.0\", size {n}000", 0.5)));
        },
        x -> one(ActionKind.ROLLBACK, x.fault().target(), "version", x.fact("previous_version")),
        x -> List.of(act(ActionKind.FAILOVER, x.fault().target())));
  }

  private static FaultKind retryStorm() {
    return new FaultKind(def(FaultType.RETRY_STORM, "A retry policy change (more retries, shorter timeout) multiplies "
            + "load on a callee until it saturates and keeps failing.", "an application service with a service callee",
        "ConfigChange of client.max_retries on the target, then the peer's rps multiplies, its cpu saturates, "
            + "'Retrying call' warnings at the target", "set client.max_retries back", "restart or scale the overloaded callee"),
        Kinds::withServiceCallee, Kinds::busiestServiceCallee,
        (f, c) -> {
          c.config("client.max_retries", "8", "platform-team");
          c.impair("", new Trigger.WhileConfig("client.max_retries", "8"),
              List.of(new Effect.RetryAmplification(f.peer(), 6 + 4 * f.intensity())),
              List.of(perError(WARN, "Retrying call to " + c.peer() + " (attempt {n} of 9) after "
                  + "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 1.999s", 1.5)));
        },
        x -> one(ActionKind.SET_CONFIG, x.fault().target(), "key", "client.max_retries", "value", x.fact("original_value")),
        x -> List.of(act(ActionKind.RESTART, x.fault().peer()),
            act(ActionKind.SCALE, x.fault().peer(), "replicas", Integer.toString(2 * x.replicas(x.fault().peer())))));
  }
}
