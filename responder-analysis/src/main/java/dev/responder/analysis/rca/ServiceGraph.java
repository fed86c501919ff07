package dev.responder.analysis.rca;

import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Callers and callees of each service, sorted for deterministic iteration. */
final class ServiceGraph {
  private final Map<ServiceId, Set<ServiceId>> callees = new TreeMap<>();
  private final Map<ServiceId, Set<ServiceId>> callers = new TreeMap<>();

  ServiceGraph(List<DependencyEdge> edges) {
    for (DependencyEdge e : edges) {
      callees.computeIfAbsent(e.caller(), k -> new TreeSet<>()).add(e.callee());
      callers.computeIfAbsent(e.callee(), k -> new TreeSet<>()).add(e.caller());
    }
  }

  boolean isEmpty() {
    return callees.isEmpty();
  }

  Set<ServiceId> calleesOf(ServiceId s) {
    return callees.getOrDefault(s, Set.of());
  }

  Set<ServiceId> callersOf(ServiceId s) {
    return callers.getOrDefault(s, Set.of());
  }
}
