package dev.responder.analysis.trace;

import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

final class DefaultTraceAnalyzer implements TraceAnalyzer {
  private static final double NANOS_PER_MS = 1e6;

  @Override
  public List<EdgeStatistics> edgeStatistics(List<Span> spans) {
    return edgesOf(TraceTree.of(spans));
  }

  private static List<EdgeStatistics> edgesOf(List<TraceTree> trees) {
    Map<CallEdge, List<Span>> calls = new TreeMap<>();
    Map<CallEdge, double[]> gaps = new HashMap<>();
    for (TraceTree tree : trees) {
      for (Span s : tree.byId.values()) {
        Span parent = tree.parentOf(s);
        if (parent != null && !parent.service().equals(s.service())) {
          CallEdge edge = new CallEdge(parent.service(), s.service());
          calls.computeIfAbsent(edge, k -> new ArrayList<>()).add(s);
          if (tree.childrenOf(parent).size() == 1) {
            double[] g = gaps.computeIfAbsent(edge, k -> new double[2]);
            g[0] += Math.max(0, parent.duration().toNanos() - s.duration().toNanos()) / NANOS_PER_MS;
            g[1] += 1;
          }
        }
      }
    }
    List<EdgeStatistics> out = new ArrayList<>(calls.size());
    calls.forEach((edge, list) -> out.add(stats(edge, list, gaps.getOrDefault(edge, new double[2]))));
    return out;
  }

  private static EdgeStatistics stats(CallEdge edge, List<Span> spans, double[] gap) {
    double[] ms = new double[spans.size()];
    long errors = 0;
    double sum = 0;
    for (int i = 0; i < ms.length; i++) {
      Span s = spans.get(i);
      ms[i] = s.duration().toNanos() / NANOS_PER_MS;
      sum += ms[i];
      errors += s.isError() ? 1 : 0;
    }
    Arrays.sort(ms);
    int rank = (int) Math.ceil(0.95 * ms.length) - 1;
    return new EdgeStatistics(edge, ms.length, errors, sum / ms.length, ms[Math.max(rank, 0)], (long) gap[1],
        gap[1] == 0 ? 0 : gap[0] / gap[1]);
  }

  @Override
  public List<DependencyEdge> inferEdges(List<Span> spans) {
    List<DependencyEdge> out = new ArrayList<>();
    for (EdgeStatistics e : edgeStatistics(spans)) {
      out.add(new DependencyEdge(e.edge().caller(), e.edge().callee(), DependencyEdge.Kind.SYNC_CALL));
    }
    return out;
  }

  @Override
  public List<ServiceTime> criticalPath(List<Span> spans) {
    CriticalPath path = new CriticalPath();
    TraceTree.of(spans).forEach(path::addTrace);
    List<ServiceTime> out = new ArrayList<>();
    path.totals().forEach((service, a) ->
        out.add(new ServiceTime(service, a[0] / NANOS_PER_MS, a[1] / NANOS_PER_MS, (long) a[2])));
    return out;
  }

  @Override
  public List<ErrorOrigin> errorOrigins(List<Span> spans) {
    return originsOf(TraceTree.of(spans));
  }

  private static List<ErrorOrigin> originsOf(List<TraceTree> trees) {
    Map<ServiceId, long[]> acc = new TreeMap<>();
    for (TraceTree tree : trees) {
      for (Span s : tree.byId.values()) {
        if (!s.isError()) {
          continue;
        }
        boolean childFailed = tree.childrenOf(s).stream().anyMatch(Span::isError);
        long[] a = acc.computeIfAbsent(s.service(), k -> new long[2]);
        a[0] += childFailed ? 0 : 1;
        a[1] += 1;
      }
    }
    List<ErrorOrigin> out = new ArrayList<>();
    acc.forEach((service, a) -> out.add(new ErrorOrigin(service, a[0], a[1])));
    return out;
  }

  @Override
  public TraceComparison compare(List<Span> baseline, List<Span> window) {
    List<TraceTree> base = TraceTree.of(baseline);
    List<TraceTree> win = TraceTree.of(window);
    Map<ServiceId, double[]> b = perService(base);
    Map<ServiceId, double[]> w = perService(win);
    Set<ServiceId> services = new TreeSet<>(b.keySet());
    services.addAll(w.keySet());
    List<TraceComparison.ServiceDelta> deltas = new ArrayList<>();
    double[] none = new double[4];
    for (ServiceId s : services) {
      double[] x = b.getOrDefault(s, none);
      double[] y = w.getOrDefault(s, none);
      deltas.add(new TraceComparison.ServiceDelta(s, perTrace(x[0], x[2]), perTrace(y[0], y[2]),
          perTrace(x[1], base.size()), perTrace(y[1], win.size()), (long) x[3], (long) y[3]));
    }
    Map<CallEdge, EdgeStatistics> baseEdges = new HashMap<>();
    edgesOf(base).forEach(e -> baseEdges.put(e.edge(), e));
    List<TraceComparison.EdgeDelta> edges = new ArrayList<>();
    for (EdgeStatistics e : edgesOf(win)) {
      edges.add(new TraceComparison.EdgeDelta(e.edge(), baseEdges.get(e.edge()), e));
    }
    return new TraceComparison(deltas, edges);
  }

  private static double perTrace(double total, double traces) {
    return traces == 0 ? 0 : total / traces;
  }

  /** Per service: [critical-path self ms, error origins, traces containing the service, spans]. */
  private static Map<ServiceId, double[]> perService(List<TraceTree> trees) {
    CriticalPath path = new CriticalPath();
    Map<ServiceId, double[]> out = new TreeMap<>();
    for (TraceTree tree : trees) {
      path.addTrace(tree);
      Set<ServiceId> seen = new HashSet<>();
      for (Span s : tree.byId.values()) {
        double[] a = out.computeIfAbsent(s.service(), k -> new double[4]);
        a[3] += 1;
        if (seen.add(s.service())) {
          a[2] += 1;
        }
      }
    }
    path.totals().forEach((service, a) -> out.get(service)[0] = a[0] / NANOS_PER_MS);
    for (ErrorOrigin o : originsOf(trees)) {
      out.get(o.service())[1] = o.origins();
    }
    return out;
  }
}
