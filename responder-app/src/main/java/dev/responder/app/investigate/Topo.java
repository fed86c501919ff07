package dev.responder.app.investigate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The topology as a reasoner reads it from {@code get_topology}: services and typed edges. */
record Topo(Set<String> services, List<String[]> edges) {

  static Topo from(JsonNode data) {
    Set<String> services = new TreeSet<>();
    List<String[]> edges = new ArrayList<>();
    for (JsonNode e : data.path("edges")) {
      String caller = e.path("caller").asText();
      String callee = e.path("callee").asText();
      services.add(caller);
      services.add(callee);
      edges.add(new String[] {caller, callee, e.path("kind").asText()});
    }
    return new Topo(services, edges);
  }

  /** The longest service name that occurs in {@code text}, other than {@code except}; null when none does. */
  String named(String text, String except) {
    return services.stream().filter(s -> !s.equals(except) && text.contains(s))
        .max(Comparator.comparingInt(String::length)).orElse(null);
  }

  /** The first callee of {@code service} reached over an edge of {@code kind}; null when none. */
  String callee(String service, String kind) {
    return edges.stream().filter(e -> e[0].equals(service) && e[2].equals(kind)).map(e -> e[1]).findFirst().orElse(null);
  }

  /** Kind of a service from the edges into it: database, cache, external, queue or service. */
  String kindOf(String service) {
    return edges.stream().filter(e -> e[1].equals(service)).map(e -> e[2]).findFirst().orElse("sync_call");
  }
}
