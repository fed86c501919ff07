package dev.responder.sim;

import dev.responder.core.error.ConfigException;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An application to simulate: its services, its endpoints with their call graphs, and its peak traffic.
 * Load one from YAML ({@link #load}), use the bundled online shop ({@link #shop}) or generate a random one
 * ({@link #random}). The format is documented in docs/simulator.md.
 *
 * @param peakRps requests per second reaching all endpoints together at the daily peak
 */
public record AppModel(String name, double peakRps, List<ServiceSpec> services, List<EndpointSpec> endpoints) {
  public AppModel {
    Objects.requireNonNull(name, "name");
    if (!(peakRps > 0)) {
      throw new ConfigException("peak_rps must be > 0 but was " + peakRps);
    }
    services = List.copyOf(services);
    endpoints = List.copyOf(endpoints);
    if (services.isEmpty() || endpoints.isEmpty()) {
      throw new ConfigException("application " + name + " needs at least one service and one endpoint");
    }
    Set<ServiceId> ids = new LinkedHashSet<>();
    for (ServiceSpec s : services) {
      if (!ids.add(s.id())) {
        throw new ConfigException("service " + s.id() + " is defined twice in application " + name);
      }
    }
    for (EndpointSpec e : endpoints) {
      checkCalls(name, e.name(), e.root(), ids);
    }
  }

  private static void checkCalls(String app, String endpoint, CallSpec call, Set<ServiceId> ids) {
    for (ServiceId ref : new ServiceId[] {call.service(), call.via(), call.onMissOf()}) {
      if (ref != null && !ids.contains(ref)) {
        throw new ConfigException("endpoint '" + endpoint + "' of " + app + " names unknown service '" + ref + "'; known: " + ids);
      }
    }
    for (CallSpec c : call.calls()) {
      if (c.service().equals(call.service())) {
        throw new ConfigException("endpoint '" + endpoint + "': service " + c.service() + " calls itself");
      }
      checkCalls(app, endpoint, c, ids);
    }
  }

  /** Reads an application model from a YAML file. @throws ConfigException naming the file and the bad value */
  public static AppModel load(Path yaml) {
    return ModelYaml.load(yaml);
  }

  /** Parses an application model from YAML text; {@code source} names it in error messages. */
  public static AppModel parse(String yaml, String source) {
    return ModelYaml.parse(yaml, source);
  }

  /** The bundled online shop: 12 application services, postgres, redis, kafka and a third-party payment API. */
  public static AppModel shop() {
    return ModelYaml.bundled("shop");
  }

  /** A bundled application by name; @throws ConfigException listing the known names */
  public static AppModel bundled(String name) {
    return ModelYaml.bundled(name);
  }

  /**
   * A random layered microservice application of {@code services} services (2..500), the same for the same seed.
   */
  public static AppModel random(int services, long seed) {
    return RandomApps.generate(services, seed);
  }

  /** The service with this id. @throws IllegalArgumentException listing the known services */
  public ServiceSpec service(ServiceId id) {
    for (ServiceSpec s : services) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown service '" + id + "' in application " + name + "; known: "
        + services.stream().map(s -> s.id().name()).toList());
  }

  public boolean has(ServiceId id) {
    return services.stream().anyMatch(s -> s.id().equals(id));
  }

  /**
   * The dependency graph the call graphs imply: caller to callee, with asynchronous calls as producer to queue and
   * queue to consumer, in first-seen order.
   */
  public Topology topology() {
    Map<String, DependencyEdge> edges = new LinkedHashMap<>();
    for (EndpointSpec e : endpoints) {
      collectEdges(e.root(), edges);
    }
    Set<ServiceId> ids = new LinkedHashSet<>();
    services.forEach(s -> ids.add(s.id()));
    return new Topology(ids, new ArrayList<>(edges.values()));
  }

  private void collectEdges(CallSpec parent, Map<String, DependencyEdge> edges) {
    for (CallSpec c : parent.calls()) {
      if (c.async()) {
        put(edges, new DependencyEdge(parent.service(), c.via(), DependencyEdge.Kind.ASYNC_MESSAGE));
        put(edges, new DependencyEdge(c.via(), c.service(), DependencyEdge.Kind.ASYNC_MESSAGE));
      } else {
        put(edges, new DependencyEdge(parent.service(), c.service(), edgeKind(service(c.service()).kind())));
      }
      collectEdges(c, edges);
    }
  }

  private static void put(Map<String, DependencyEdge> edges, DependencyEdge e) {
    edges.putIfAbsent(e.caller() + ">" + e.callee(), e);
  }

  private static DependencyEdge.Kind edgeKind(ServiceSpec.Kind kind) {
    return switch (kind) {
      case SERVICE -> DependencyEdge.Kind.SYNC_CALL;
      case DATABASE -> DependencyEdge.Kind.DATABASE;
      case CACHE -> DependencyEdge.Kind.CACHE;
      case QUEUE -> DependencyEdge.Kind.ASYNC_MESSAGE;
      case EXTERNAL -> DependencyEdge.Kind.EXTERNAL;
    };
  }
}
