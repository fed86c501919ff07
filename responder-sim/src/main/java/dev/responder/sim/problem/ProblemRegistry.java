package dev.responder.sim.problem;

import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AIOpsLab-style problem registry: every fault type on a chosen target of the shop, under each of the four
 * tasks, plus no-fault problems (with and without red herrings) for false positives. Problems are addressable by id.
 */
public final class ProblemRegistry {
  /** The shop targets each fault is posed on: the first of each pair is the one the fault's tests exercise. */
  private static final String[][] TARGETS = {
      {"cpu_saturation", "catalog"}, {"cpu_saturation", "recommendation"}, {"memory_leak", "cart"},
      {"bad_deploy", "checkout"}, {"bad_deploy", "cart"}, {"config_error", "api-gateway"},
      {"connection_pool_exhaustion", "catalog"}, {"slow_query", "postgres"}, {"cache_outage", "redis"},
      {"network_latency", "frontend"}, {"packet_loss", "api-gateway"}, {"dns_failure", "checkout"},
      {"disk_full", "catalog"}, {"certificate_expiry", "payment"}, {"dependency_outage", "payment-provider"},
      {"retry_storm", "api-gateway"}, {"deadlock", "cart"}, {"deadlock", "payment"}, {"noisy_neighbour", "search"},
      {"queue_lag", "email"}, {"clock_skew", "auth"}, {"feature_flag_bug", "recommendation"},
      {"traffic_surge", "catalog"}, {"credential_stuffing", "auth"}, {"crypto_miner", "frontend"}};
  private static final String[] HERRINGS = {"", "batch_job", "unrelated_deploy", "log_burst"};

  private final Map<String, Problem> problems;

  private ProblemRegistry(List<Problem> list) {
    Map<String, Problem> m = new LinkedHashMap<>();
    for (Problem p : list) {
      if (m.put(p.id(), p) != null) {
        throw new IllegalStateException("duplicate problem id " + p.id());
      }
    }
    this.problems = m;
  }

  /** The standard registry on the bundled shop. */
  public static ProblemRegistry standard() {
    List<Problem> list = new ArrayList<>();
    for (String[] t : TARGETS) {
      String summary = Faults.definition(t[0]).summary();
      for (Task task : Task.values()) {
        list.add(new Problem(t[0] + "-" + t[1] + "-" + task.id(), "shop", FaultType.of(t[0]), ServiceId.of(t[1]), task, "",
            task.id() + ": " + summary + " Target: " + t[1] + "."));
      }
    }
    for (String h : HERRINGS) {
      String id = "no_fault-shop" + (h.isEmpty() ? "" : "-" + h) + "-detection";
      list.add(new Problem(id, "shop", null, null, Task.DETECTION, h,
          "detection: no fault" + (h.isEmpty() ? "" : ", with a benign " + h.replace('_', ' ')) + "; the right answer is 'no incident'."));
    }
    return new ProblemRegistry(list);
  }

  public List<Problem> all() {
    return List.copyOf(problems.values());
  }

  /** The problem with this id. @throws ConfigException naming the id and how to list the known ones */
  public Problem get(String id) {
    Problem p = problems.get(id);
    if (p == null) {
      List<String> similar = problems.keySet().stream().filter(k -> id != null && !id.isBlank()
          && k.startsWith(id.split("-")[0])).limit(8).toList();
      throw new ConfigException("unknown problem '" + id + "'" + (similar.isEmpty() ? "" : "; similar: " + similar)
          + "; list them with 'responder sim problems'");
    }
    return p;
  }
}
