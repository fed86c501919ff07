package dev.responder.analysis.trace;

import dev.responder.core.telemetry.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One trace as a forest: spans whose parent is missing become roots, so partial traces still analyse. */
final class TraceTree {
  private static final Comparator<Span> BY_END_DESC = Comparator.comparing(Span::end).reversed()
      .thenComparing(Span::start, Comparator.reverseOrder()).thenComparing(Span::spanId);

  final List<Span> roots = new ArrayList<>();
  final Map<String, List<Span>> children = new HashMap<>();
  final Map<String, Span> byId = new HashMap<>();

  private TraceTree(List<Span> spans) {
    for (Span s : spans) {
      byId.putIfAbsent(s.spanId(), s);
    }
    for (Span s : byId.values()) {
      if (s.isRoot() || !byId.containsKey(s.parentSpanId())) {
        roots.add(s);
      } else {
        children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
      }
    }
    roots.sort(Comparator.comparing(Span::start).thenComparing(Span::spanId));
    children.values().forEach(list -> list.sort(BY_END_DESC));
  }

  static Map<String, List<Span>> byTrace(List<Span> spans) {
    Map<String, List<Span>> traces = new LinkedHashMap<>();
    for (Span s : spans) {
      traces.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }
    return traces;
  }

  static List<TraceTree> of(List<Span> spans) {
    List<TraceTree> trees = new ArrayList<>();
    for (List<Span> trace : byTrace(spans).values()) {
      trees.add(new TraceTree(trace));
    }
    return trees;
  }

  List<Span> childrenOf(Span span) {
    return children.getOrDefault(span.spanId(), List.of());
  }

  Span parentOf(Span span) {
    return span.isRoot() ? null : byId.get(span.parentSpanId());
  }
}
