package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.topology.ServiceId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds actions with the risk and reversibility their kind carries in the simulator. Parameters by kind:
 * scale {@code replicas}; restart {@code instance} (optional); rollback {@code version} (optional: the previous
 * one); set_config {@code key}, {@code value}; toggle_flag {@code flag}, {@code enabled} (optional: flips);
 * rate_limit {@code rps} (optional: per-client limiting only); block_ips {@code ips} (comma-separated);
 * kill_process {@code process}, {@code instance} (optional); drain_node {@code node} (optional: the target's
 * first node); failover and flush_cache take none.
 */
public final class SimActions {
  private SimActions() {}

  /** An action on the target with params given as alternating keys and values. */
  public static Action of(ActionKind kind, ServiceId target, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("params must be key/value pairs but had " + keysAndValues.length + " strings");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Action(kind, target, params, risk(kind), reversibility(kind), "");
  }

  public static Risk risk(ActionKind kind) {
    return switch (kind) {
      case SCALE, TOGGLE_FLAG -> Risk.LOW;
      case RESTART, ROLLBACK, SET_CONFIG, FLUSH_CACHE, RATE_LIMIT, BLOCK_IPS, KILL_PROCESS -> Risk.MEDIUM;
      case FAILOVER, DRAIN_NODE -> Risk.HIGH;
    };
  }

  public static Reversibility reversibility(ActionKind kind) {
    return switch (kind) {
      case FAILOVER, FLUSH_CACHE, KILL_PROCESS -> Reversibility.IRREVERSIBLE;
      case SCALE, RESTART, ROLLBACK, SET_CONFIG, TOGGLE_FLAG, RATE_LIMIT, BLOCK_IPS, DRAIN_NODE -> Reversibility.REVERSIBLE;
    };
  }
}
