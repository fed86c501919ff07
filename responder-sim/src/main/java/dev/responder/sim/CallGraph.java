package dev.responder.sim;

import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints' call graphs flattened into arrays (node i's parent precedes it), with services as indices, so that
 * the per-tick model runs over plain arrays.
 */
final class CallGraph {
  final AppModel app;
  final int size;
  final int[] service;
  final int[] parent;
  final int[] endpoint;
  final double[] count;
  final boolean[] optional;
  /** The queue a call goes through, or -1 for a synchronous call. */
  final int[] via;
  /** The cache whose misses this call serves, or -1. */
  final int[] missOf;
  final String[] operation;
  final int[][] children;
  final int[] roots;
  /** Per service: the nodes where it calls a database. */
  final int[][] databaseCalls;
  private final Map<ServiceId, Integer> index = new LinkedHashMap<>();

  CallGraph(AppModel app) {
    this.app = app;
    for (ServiceSpec s : app.services()) {
      index.put(s.id(), index.size());
    }
    List<CallSpec> nodes = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    List<Integer> endpoints = new ArrayList<>();
    roots = new int[app.endpoints().size()];
    for (int e = 0; e < roots.length; e++) {
      roots[e] = nodes.size();
      flatten(app.endpoints().get(e).root(), -1, e, nodes, parents, endpoints);
    }
    size = nodes.size();
    service = new int[size];
    parent = new int[size];
    endpoint = new int[size];
    count = new double[size];
    optional = new boolean[size];
    via = new int[size];
    missOf = new int[size];
    operation = new String[size];
    List<List<Integer>> kids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      CallSpec c = nodes.get(i);
      service[i] = index.get(c.service());
      parent[i] = parents.get(i);
      endpoint[i] = endpoints.get(i);
      count[i] = c.count();
      optional[i] = c.optional();
      via[i] = c.via() == null ? -1 : index.get(c.via());
      missOf[i] = c.onMissOf() == null ? -1 : index.get(c.onMissOf());
      operation[i] = c.operation();
      kids.add(new ArrayList<>());
      if (parent[i] >= 0) {
        kids.get(parent[i]).add(i);
      }
    }
    children = new int[size][];
    for (int i = 0; i < size; i++) {
      children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    databaseCalls = new int[index.size()][];
    for (int s = 0; s < index.size(); s++) {
      List<Integer> db = new ArrayList<>();
      for (int c = 0; c < size; c++) {
        if (parent[c] >= 0 && service[parent[c]] == s && via[c] < 0
            && app.services().get(service[c]).kind() == ServiceSpec.Kind.DATABASE) {
          db.add(c);
        }
      }
      databaseCalls[s] = db.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static void flatten(CallSpec c, int parent, int endpoint, List<CallSpec> nodes, List<Integer> parents,
                              List<Integer> endpoints) {
    int me = nodes.size();
    nodes.add(c);
    parents.add(parent);
    endpoints.add(endpoint);
    for (CallSpec child : c.calls()) {
      flatten(child, me, endpoint, nodes, parents, endpoints);
    }
  }

  int services() {
    return app.services().size();
  }

  int indexOf(ServiceId id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("unknown service '" + id + "'; known: " + index.keySet());
    }
    return i;
  }

  ServiceSpec spec(int service) {
    return app.services().get(service);
  }

  ServiceId id(int service) {
    return app.services().get(service).id();
  }

  /** Whether the endpoint's call graph reaches the service. */
  boolean reaches(int endpoint, int svc) {
    for (int i = 0; i < size; i++) {
      if (this.endpoint[i] == endpoint && (service[i] == svc || via[i] == svc)) {
        return true;
      }
    }
    return false;
  }

  /** Distinct direct synchronous callees of a service, in first-seen order. */
  List<Integer> callees(int svc) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (parent[i] >= 0 && service[parent[i]] == svc) {
        int callee = via[i] >= 0 ? via[i] : service[i];
        if (!out.contains(callee)) {
          out.add(callee);
        }
      }
    }
    return out;
  }
}
