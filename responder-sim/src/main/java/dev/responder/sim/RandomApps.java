package dev.responder.sim;

import dev.responder.core.error.ConfigException;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random layered applications for scale tests: a gateway layer, middle tiers that call lower ones, a database and
 * a cache at the bottom, and endpoints whose call trees descend through the layers (depth up to 5, fan-out 1-3).
 */
final class RandomApps {
  private RandomApps() {}

  static AppModel generate(int n, long seed) {
    if (n < 4 || n > 500) {
      throw new ConfigException("a random application needs between 4 and 500 services but was asked for " + n);
    }
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, n, Seeds.SCENARIO));
    int apps = n - 2;
    int layers = Math.min(5, Math.max(2, (int) Math.round(Math.log(apps) / Math.log(3))));
    List<List<Integer>> layer = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      layer.add(new ArrayList<>());
    }
    for (int i = 0; i < apps; i++) {
      // Fewer services near the top: the first few are entry points.
      int l = i < Math.max(1, apps / 20) ? 0 : 1 + r.nextInt(layers - 1);
      layer.get(l).add(i);
    }
    List<ServiceSpec> services = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      services.add(new ServiceSpec(ServiceId.of("svc-" + String.format("%03d", i)), ServiceSpec.Kind.SERVICE,
          new ServiceSpec.Resources(2 + r.nextInt(3), 1, 1024L << 20, 200, 20, 2 + r.nextInt(6), 1 + r.nextInt(4)),
          "1." + r.nextInt(20) + "." + r.nextInt(10), Map.of(), Map.of(), new ServiceSpec.Slo(3000, 0.02, 20_000)));
    }
    services.add(new ServiceSpec(ServiceId.of("db"), ServiceSpec.Kind.DATABASE,
        new ServiceSpec.Resources(2, 16, 16L << 30, 500, 0, 2, 2), "16.4", Map.of(), Map.of(), new ServiceSpec.Slo(2000, 0.02, 20_000)));
    services.add(new ServiceSpec(ServiceId.of("cache"), ServiceSpec.Kind.CACHE,
        new ServiceSpec.Resources(1, 4, 4L << 30, 10_000, 0, 0.1, 0.5), "7.2", Map.of(), Map.of(), new ServiceSpec.Slo(100, 0.02, 20_000)));
    List<EndpointSpec> endpoints = new ArrayList<>();
    int endpointCount = Math.max(2, apps / 4);
    for (int e = 0; e < endpointCount; e++) {
      int entry = layer.get(0).get(e % layer.get(0).size());
      endpoints.add(new EndpointSpec("GET /e" + e, 0.5 + r.nextDouble(), tree(entry, 0, layer, services, r)));
    }
    return new AppModel("random-" + n, 50 + apps / 2.0, services, endpoints);
  }

  private static CallSpec tree(int svc, int depth, List<List<Integer>> layer, List<ServiceSpec> services, SplittableRandom r) {
    List<CallSpec> calls = new ArrayList<>();
    int myLayer = layerOf(svc, layer);
    if (myLayer + 1 < layer.size() && depth < 4) {
      int fan = 1 + r.nextInt(3);
      List<Integer> used = new ArrayList<>();
      for (int k = 0; k < fan; k++) {
        int next = myLayer + 1 + r.nextInt(layer.size() - myLayer - 1);
        List<Integer> candidates = layer.get(next);
        if (candidates.isEmpty()) {
          continue;
        }
        int callee = candidates.get(r.nextInt(candidates.size()));
        if (!used.contains(callee)) {
          used.add(callee);
          calls.add(tree(callee, depth + 1, layer, services, r));
        }
      }
    }
    if (r.nextDouble() < 0.3) {
      ServiceId cache = services.get(services.size() - 1).id();
      calls.add(new CallSpec(cache, "GET", 1, false, null, null, List.of()));
      calls.add(new CallSpec(services.get(services.size() - 2).id(), "SELECT", 1, false, null, cache, List.of()));
    }
    return new CallSpec(services.get(svc).id(), "op" + svc, 1, false, null, null, calls);
  }

  private static int layerOf(int svc, List<List<Integer>> layer) {
    for (int l = 0; l < layer.size(); l++) {
      if (layer.get(l).contains(svc)) {
        return l;
      }
    }
    return 0;
  }
}
