package dev.responder.app.report;

import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import dev.responder.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An SVG drawing of the service graph in layers: a service's layer is the longest chain of callers above it, so
 * entry points sit at the top and databases at the bottom. The root cause is filled red, other affected services
 * orange. Cycles are cut after as many relaxation rounds as there are services.
 */
final class ServiceGraph {
  static final int NODE_WIDTH = 120;
  static final int NODE_HEIGHT = 30;
  static final int GAP_X = 24;
  static final int GAP_Y = 56;

  private ServiceGraph() {}

  /** Layer per service: 0 for services nobody calls, else one more than the deepest caller. */
  static Map<ServiceId, Integer> layers(Topology topology) {
    Map<ServiceId, Integer> layer = new HashMap<>();
    topology.services().forEach(s -> layer.put(s, 0));
    for (int round = 0; round < topology.services().size(); round++) {
      boolean changed = false;
      for (DependencyEdge e : topology.edges()) {
        int want = layer.get(e.caller()) + 1;
        if (want > layer.get(e.callee()) && want < topology.services().size()) {
          layer.put(e.callee(), want);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    return layer;
  }

  static String render(Topology topology, ServiceId rootCause, Set<ServiceId> affected) {
    Map<Integer, List<ServiceId>> rows = new TreeMap<>();
    layers(topology).forEach((s, l) -> rows.computeIfAbsent(l, k -> new ArrayList<>()).add(s));
    rows.values().forEach(r -> r.sort(null));
    int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
    int width = Math.max(240, widest * (NODE_WIDTH + GAP_X) + GAP_X);
    int height = Math.max(1, rows.size()) * (NODE_HEIGHT + GAP_Y) + GAP_Y / 2;
    Map<ServiceId, double[]> pos = new HashMap<>();
    int rowIndex = 0;
    for (List<ServiceId> row : rows.values()) {
      double offset = (width - row.size() * (NODE_WIDTH + GAP_X) + GAP_X) / 2.0;
      for (int i = 0; i < row.size(); i++) {
        pos.put(row.get(i), new double[] {offset + i * (NODE_WIDTH + GAP_X), GAP_Y / 2.0 + rowIndex * (NODE_HEIGHT + GAP_Y)});
      }
      rowIndex++;
    }
    StringBuilder b = new StringBuilder(4096);
    b.append("<svg class=\"graph\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"service graph\">\n");
    b.append("<defs><marker id=\"pm-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777777\"/></marker></defs>\n");
    for (DependencyEdge e : topology.edges()) {
      double[] a = pos.get(e.caller());
      double[] c = pos.get(e.callee());
      b.append("<line class=\"edge\" x1=\"").append(Text.px(a[0] + NODE_WIDTH / 2.0)).append("\" y1=\"").append(Text.px(a[1] + NODE_HEIGHT))
          .append("\" x2=\"").append(Text.px(c[0] + NODE_WIDTH / 2.0)).append("\" y2=\"").append(Text.px(c[1]))
          .append("\" stroke=\"#777777\" marker-end=\"url(#pm-arrow)\"/>\n");
    }
    pos.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> node(b, en.getKey(), en.getValue(), rootCause, affected));
    return b.append("</svg>\n").toString();
  }

  private static void node(StringBuilder b, ServiceId s, double[] p, ServiceId rootCause, Set<ServiceId> affected) {
    boolean root = s.equals(rootCause);
    String cls = root ? "node root-cause" : affected.contains(s) ? "node affected" : "node";
    String fill = root ? "#d62728" : affected.contains(s) ? "#ffbb78" : "#eeeeee";
    b.append("<g class=\"").append(cls).append("\" data-service=\"").append(Text.xml(s.name())).append("\">")
        .append("<rect x=\"").append(Text.px(p[0])).append("\" y=\"").append(Text.px(p[1])).append("\" width=\"").append(NODE_WIDTH)
        .append("\" height=\"").append(NODE_HEIGHT).append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"#333333\"")
        .append(root ? " stroke-width=\"3\"" : "").append("/>")
        .append("<text x=\"").append(Text.px(p[0] + NODE_WIDTH / 2.0)).append("\" y=\"").append(Text.px(p[1] + 19))
        .append("\" font-size=\"12\" text-anchor=\"middle\"").append(root ? " fill=\"#ffffff\" font-weight=\"bold\"" : "").append('>')
        .append(Text.xml(s.name())).append("</text></g>\n");
  }
}
