package dev.responder.core.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Services and the dependency edges between them. Every edge's endpoints are services of the topology. */
public record Topology(Set<ServiceId> services, List<DependencyEdge> edges) {
  public Topology {
    services = Set.copyOf(new TreeSet<>(services));
    edges = List.copyOf(new LinkedHashSet<>(edges));
    for (DependencyEdge e : edges) {
      if (!services.contains(e.caller()) || !services.contains(e.callee())) {
        throw new IllegalArgumentException("edge " + e.caller() + " -> " + e.callee() + " names a service outside the topology");
      }
    }
  }

  public static Topology of(List<DependencyEdge> edges) {
    Set<ServiceId> services = new TreeSet<>();
    for (DependencyEdge e : edges) {
      services.add(e.caller());
      services.add(e.callee());
    }
    return new Topology(services, edges);
  }

  /** Services that {@code service} calls directly. */
  public List<ServiceId> callees(ServiceId service) {
    List<ServiceId> out = new ArrayList<>();
    for (DependencyEdge e : edges) {
      if (e.caller().equals(service)) {
        out.add(e.callee());
      }
    }
    return out;
  }

  /** Services that call {@code service} directly. */
  public List<ServiceId> callers(ServiceId service) {
    List<ServiceId> out = new ArrayList<>();
    for (DependencyEdge e : edges) {
      if (e.callee().equals(service)) {
        out.add(e.caller());
      }
    }
    return out;
  }
}
