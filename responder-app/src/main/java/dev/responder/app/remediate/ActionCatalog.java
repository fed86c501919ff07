package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The remediation actions of the Agent-Cloud Interface with their declared risk, reversibility, inverse, blast
 * radius and preconditions. Risk and reversibility match what the simulator stamps on its actions
 * ({@code SimActions}); a live adapter would declare the same classes.
 */
public final class ActionCatalog {
  private static final ActionCatalog STANDARD = new ActionCatalog(standardSpecs());
  private final Map<ActionKind, ActionSpec> specs;

  private ActionCatalog(Map<ActionKind, ActionSpec> specs) {
    this.specs = specs;
  }

  /** The catalog of every {@link ActionKind}. */
  public static ActionCatalog standard() {
    return STANDARD;
  }

  public ActionSpec spec(ActionKind kind) {
    return specs.get(kind);
  }

  public List<ActionSpec> all() {
    return List.copyOf(specs.values());
  }

  /** The action as the catalog declares it: its risk and reversibility, whatever the proposer stamped. */
  public Action normalise(Action a) {
    ActionSpec s = spec(a.kind());
    return new Action(a.kind(), a.target(), a.params(), s.risk(), s.reversibility(), a.rationale());
  }

  /**
   * The preconditions the action violates against the topology, as sentences naming the bad value; empty when
   * it may run.
   */
  public List<String> check(Action a, Topology topology) {
    List<String> problems = new ArrayList<>();
    if (!topology.services().contains(a.target())) {
      problems.add("unknown service '" + a.target() + "'");
      return problems;
    }
    boolean database = kindOf(a.target(), topology).filter(k -> k == DependencyEdge.Kind.DATABASE).isPresent();
    boolean cache = kindOf(a.target(), topology).filter(k -> k == DependencyEdge.Kind.CACHE).isPresent();
    boolean external = kindOf(a.target(), topology).filter(k -> k == DependencyEdge.Kind.EXTERNAL).isPresent();
    if (external) {
      problems.add(a.target() + " is a third-party service and cannot be changed from here");
    }
    Map<String, String> p = a.params();
    switch (a.kind()) {
      case SCALE -> {
        if (database) {
          problems.add(a.target() + " is a database; it cannot be scaled out");
        }
        int replicas = intParam(p, "replicas");
        if (replicas < 1 || replicas > 200) {
          problems.add("replicas must be in [1, 200] but was " + p.getOrDefault("replicas", "missing"));
        }
      }
      case SET_CONFIG -> require(p, problems, "key", "value");
      case TOGGLE_FLAG -> require(p, problems, "flag");
      case BLOCK_IPS -> require(p, problems, "ips");
      case KILL_PROCESS -> require(p, problems, "process");
      case FAILOVER -> {
        if (!database) {
          problems.add(a.target() + " is not a database; only a database fails over");
        }
      }
      case FLUSH_CACHE -> {
        if (!cache) {
          problems.add(a.target() + " is not a cache");
        }
      }
      case RATE_LIMIT -> {
        if (p.containsKey("rps") && intParam(p, "rps") < 1) {
          problems.add("rps must be >= 1 but was " + p.get("rps"));
        }
      }
      case RESTART, ROLLBACK, DRAIN_NODE -> { }
    }
    return problems;
  }

  /**
   * The services and instances the action touches, given the current replica counts (a service missing from
   * {@code replicas} counts as one instance).
   */
  public BlastRadius blastRadius(Action a, Map<ServiceId, Integer> replicas, Topology topology) {
    int n = replicas.getOrDefault(a.target(), 1);
    Set<ServiceId> services = new TreeSet<>(Set.of(a.target()));
    int instances = switch (a.kind()) {
      case SCALE -> Math.abs(intParam(a.params(), "replicas") - n);
      case RESTART, KILL_PROCESS -> a.params().containsKey("instance") ? 1 : n;
      case ROLLBACK -> n;
      case DRAIN_NODE -> 8;
      case FAILOVER -> {
        services.addAll(topology.callers(a.target()));
        yield n;
      }
      case FLUSH_CACHE -> {
        services.addAll(topology.callers(a.target()));
        topology.callees(a.target()).forEach(services::add);
        yield n;
      }
      case SET_CONFIG, TOGGLE_FLAG, RATE_LIMIT, BLOCK_IPS -> n;
    };
    if (a.kind() == ActionKind.DRAIN_NODE) {
      services.add(ServiceId.of("(pods on " + a.params().getOrDefault("node", "the target's node") + ")"));
    }
    return new BlastRadius(services, instances);
  }

  /** What an action touches: services and the number of instances restarted, added, removed or reconfigured. */
  public record BlastRadius(Set<ServiceId> services, int instances) {
    public BlastRadius {
      services = Set.copyOf(services);
    }
  }

  /** The action that undoes {@code a} given what it replaced, or empty when it cannot be undone. */
  public Optional<Action> inverse(Action a, Map<String, String> before) {
    ActionSpec s = spec(a.kind());
    if (s.reversibility() == Reversibility.IRREVERSIBLE) {
      return Optional.empty();
    }
    Map<String, String> p = new LinkedHashMap<>();
    switch (a.kind()) {
      case SCALE -> p.put("replicas", before.getOrDefault("replicas", "1"));
      case SET_CONFIG -> {
        p.put("key", a.params().get("key"));
        p.put("value", before.getOrDefault("value", ""));
      }
      case TOGGLE_FLAG -> {
        p.put("flag", a.params().get("flag"));
        p.put("enabled", Boolean.toString(!Boolean.parseBoolean(a.params().getOrDefault("enabled", "true"))));
      }
      case RESTART, ROLLBACK, RATE_LIMIT, BLOCK_IPS, DRAIN_NODE -> {
        return Optional.empty();
      }
      case FAILOVER, FLUSH_CACHE, KILL_PROCESS -> throw new IllegalStateException(a.kind() + " is irreversible");
    }
    if (p.containsValue("")) {
      return Optional.empty();
    }
    return Optional.of(new Action(a.kind(), a.target(), p, s.risk(), s.reversibility(), "undo " + a.describe()));
  }

  private static Optional<DependencyEdge.Kind> kindOf(ServiceId id, Topology topology) {
    return topology.edges().stream().filter(e -> e.callee().equals(id))
        .map(DependencyEdge::kind)
        .filter(k -> k == DependencyEdge.Kind.DATABASE || k == DependencyEdge.Kind.CACHE || k == DependencyEdge.Kind.EXTERNAL)
        .findFirst();
  }

  private static void require(Map<String, String> p, List<String> problems, String... keys) {
    for (String k : keys) {
      if (p.getOrDefault(k, "").isBlank()) {
        problems.add("missing parameter '" + k + "'; given: " + new TreeSet<>(p.keySet()));
      }
    }
  }

  private static int intParam(Map<String, String> p, String key) {
    try {
      return (int) Math.round(Double.parseDouble(p.getOrDefault(key, "").trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<ActionKind, ActionSpec> standardSpecs() {
    Map<ActionKind, ActionSpec> m = new EnumMap<>(ActionKind.class);
    put(m, ActionKind.SCALE, "Set the replica count of a service.", Risk.LOW, "scale back to the previous count",
        "the service; the instances added or removed", List.of("replicas"), "not a database", "replicas in [1, 200]");
    put(m, ActionKind.RESTART, "Rolling restart of a service, or one instance.", Risk.MEDIUM,
        "none needed: instances come back with fresh state", "the service; every instance, or the one named",
        List.of("instance?"), "the service is operated by us");
    put(m, ActionKind.ROLLBACK, "Redeploy an earlier version (default: the previous one).", Risk.MEDIUM,
        "roll forward to the version replaced", "the service; every instance is replaced", List.of("version?"),
        "an earlier version exists");
    put(m, ActionKind.SET_CONFIG, "Change one configuration key.", Risk.MEDIUM, "set the key back to its previous value",
        "the service; every instance reloads", List.of("key", "value"), "key and value given");
    put(m, ActionKind.TOGGLE_FLAG, "Switch a feature flag.", Risk.LOW, "switch the flag back",
        "the service; every instance", List.of("flag", "enabled?"), "flag given");
    put(m, ActionKind.FAILOVER, "Promote a database replica to primary.", Risk.HIGH, "none: fail back is a new failover",
        "the database and every caller; open connections are cut", List.of(), "the target is a database with a replica");
    put(m, ActionKind.FLUSH_CACHE, "Evict every key of a cache.", Risk.MEDIUM, "none: the cache must warm again",
        "the cache, its callers and the database that takes the misses", List.of(), "the target is a cache");
    put(m, ActionKind.RATE_LIMIT, "Per-client limiting, or a global cap with rps.", Risk.MEDIUM, "remove the limit",
        "the service's clients", List.of("rps?"), "rps >= 1 when given");
    put(m, ActionKind.BLOCK_IPS, "Block source addresses at the edge.", Risk.MEDIUM, "unblock the addresses",
        "the service's clients from those addresses", List.of("ips"), "ips given");
    put(m, ActionKind.KILL_PROCESS, "Kill a process in the service's instances.", Risk.MEDIUM,
        "none: the process is gone", "the instances running it", List.of("process", "instance?"), "process given");
    put(m, ActionKind.DRAIN_NODE, "Cordon a node and reschedule its pods.", Risk.HIGH, "uncordon the node",
        "every pod on the node, of any service", List.of("node?"), "another schedulable node exists");
    return m;
  }

  private static void put(Map<ActionKind, ActionSpec> m, ActionKind kind, String description, Risk risk, String inverse,
                          String blast, List<String> params, String... preconditions) {
    Reversibility rev = switch (kind) {
      case FAILOVER, FLUSH_CACHE, KILL_PROCESS -> Reversibility.IRREVERSIBLE;
      default -> Reversibility.REVERSIBLE;
    };
    String tool = kind.name().toLowerCase(Locale.ROOT);
    m.put(kind, new ActionSpec(kind, tool, description, risk, rev, rev == Reversibility.IRREVERSIBLE ? "none" : inverse,
        blast, params, List.of(preconditions)));
  }
}
