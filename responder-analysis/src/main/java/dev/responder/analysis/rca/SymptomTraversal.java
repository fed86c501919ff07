package dev.responder.analysis.rca;

import dev.responder.core.query.MetricSeries;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Anomaly traversal from the observed symptom down the call graph.
 *
 * <p>Design note: when the incident names where it was observed (an alert on a service's latency, say), the cause
 * is that service or something it calls, directly or not. The traversal baseline of the PetShop authors (Hardt et
 * al., "The PetShop Dataset", 2023) and MicroHECL (Liu et al., ICSE-SEIP 2021) walk from the symptom node to its
 * callees while they stay anomalous in the symptom's metric, and blame the deepest anomalous nodes: an anomalous
 * node whose callees are all normal cannot have inherited its anomaly from them. Candidates are scored by the sum
 * of anomaly along their best anomalous path from the symptom, so a root that explains a long, strongly anomalous
 * chain ranks first. The result is a tier per service (root on an anomalous path, other anomalous node on such a
 * path, other callee of the symptom, unrelated), and a score within the tier in [0, 1].
 */
final class SymptomTraversal {
  static final int ROOT = 3;
  static final int ON_PATH = 2;
  static final int BELOW = 1;
  static final int UNRELATED = 0;
  /**
   * The robust shift from which a node counts as anomalous on the path: the PetShop authors' default (their
   * median-deviation scorer flags scores above 5), stricter than the ranker's noise floor because only a handful of
   * pre-incident points estimate each node's normal level.
   */
  static final double ANOMALY_THRESHOLD = 5.0;
  /** Caps one node's anomaly so a single huge ratio cannot outweigh a whole path. */
  private static final double MAX_Z = 50;
  private static final int MAX_PATHS = 20_000;

  /** A service's place relative to the symptom and its score within that place. */
  record Placement(int tier, double within, String evidence) {}

  private SymptomTraversal() {}

  /** Placements for every service of {@code graph} and the symptom, or an empty map when there is no symptom. */
  static Map<ServiceId, Placement> place(IncidentData data, ServiceGraph graph, double threshold) {
    IncidentData.Symptom symptom = data.symptom();
    Map<ServiceId, Placement> out = new TreeMap<>();
    if (symptom == null || graph.isEmpty()) {
      return out;
    }
    Map<ServiceId, Double> z = symptomMetricDeviation(data, symptom);
    ServiceId start = symptom.service();
    Set<ServiceId> below = reachable(graph, start, s -> true);
    Set<ServiceId> anomalous = reachable(graph, start, s -> z.getOrDefault(s, 0.0) >= threshold);
    anomalous.remove(start);
    Map<ServiceId, Double> pathScore = new TreeMap<>();
    Deque<ServiceId> path = new ArrayDeque<>();
    path.push(start);
    int[] budget = {MAX_PATHS};
    walk(graph, start, anomalous, z, cap(z.getOrDefault(start, 0.0)), path, pathScore, budget);
    double best = pathScore.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double loudest = below.stream().mapToDouble(s -> cap(z.getOrDefault(s, 0.0))).max().orElse(1);
    for (ServiceId s : data.services()) {
      double zs = z.getOrDefault(s, 0.0);
      if (anomalous.contains(s)) {
        boolean root = graph.calleesOf(s).stream().noneMatch(anomalous::contains);
        out.put(s, new Placement(root ? ROOT : ON_PATH, pathScore.get(s) / best, String.format(Locale.ROOT,
            "symptom: %s on an anomalous call path from %s (%s z %.1f, path %.1f)",
            root ? "deepest anomalous node" : "anomalous node", start, symptom.metric(), zs, pathScore.get(s))));
      } else if (below.contains(s) && !s.equals(start)) {
        out.put(s, new Placement(BELOW, cap(zs) / Math.max(loudest, 1e-9), String.format(Locale.ROOT,
            "symptom: called (indirectly) by %s, %s z %.1f", start, symptom.metric(), zs)));
      } else if (s.equals(start)) {
        boolean root = anomalous.isEmpty();
        out.put(s, new Placement(root ? ROOT : BELOW, 1, root
            ? "symptom: observed here and none of its callees is anomalous in " + symptom.metric()
            : "symptom: observed here, but callees are anomalous too"));
      } else {
        out.put(s, new Placement(UNRELATED, 0, "symptom: not called by " + start));
      }
    }
    return out;
  }

  private static void walk(ServiceGraph graph, ServiceId at, Set<ServiceId> anomalous, Map<ServiceId, Double> z,
                           double sum, Deque<ServiceId> path, Map<ServiceId, Double> pathScore, int[] budget) {
    for (ServiceId next : graph.calleesOf(at)) {
      if (!anomalous.contains(next) || path.contains(next) || budget[0]-- <= 0) {
        continue;
      }
      double total = sum + cap(z.getOrDefault(next, 0.0));
      pathScore.merge(next, total, Math::max);
      path.push(next);
      walk(graph, next, anomalous, z, total, path, pathScore, budget);
      path.pop();
    }
  }

  private static double cap(double z) {
    return Math.min(z, MAX_Z);
  }

  private static Set<ServiceId> reachable(ServiceGraph graph, ServiceId start,
                                          Predicate<ServiceId> keep) {
    Set<ServiceId> seen = new HashSet<>();
    Deque<ServiceId> todo = new ArrayDeque<>();
    seen.add(start);
    todo.add(start);
    while (!todo.isEmpty()) {
      for (ServiceId next : graph.calleesOf(todo.poll())) {
        if (keep.test(next) && seen.add(next)) {
          todo.add(next);
        }
      }
    }
    return seen;
  }

  /**
   * Per service, the largest robust shift of any series named like the symptom's metric, counted only in the
   * direction the symptom itself moved (latency up, availability down): a callee moving the other way (an idle
   * function whose availability reads 0 between calls and then rises) did not cause the symptom.
   */
  private static Map<ServiceId, Double> symptomMetricDeviation(IncidentData data, IncidentData.Symptom symptom) {
    Map<ServiceId, Double> signed = new TreeMap<>();
    data.metrics().forEach((service, seriesList) -> {
      for (MetricSeries series : seriesList) {
        if (matches(series.metric(), symptom.metric())) {
          double shift = MetricSignal.signedShift(series, data.baseline(), data.window());
          if (Double.isFinite(shift)) {
            signed.merge(service, shift, (x, y) -> Math.abs(y) > Math.abs(x) ? y : x);
          }
        }
      }
    });
    double direction = Math.signum(signed.getOrDefault(symptom.service(), 0.0));
    Map<ServiceId, Double> out = new TreeMap<>();
    signed.forEach((s, shift) -> out.put(s, direction == 0 ? Math.abs(shift) : Math.max(0, shift * direction)));
    return out;
  }

  static boolean matches(String seriesMetric, String symptomMetric) {
    return symptomMetric.isEmpty() || seriesMetric.equals(symptomMetric);
  }
}
