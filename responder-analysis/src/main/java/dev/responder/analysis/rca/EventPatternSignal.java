package dev.responder.analysis.rca;

import dev.responder.core.incident.FaultType;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Span;
import dev.responder.core.topology.ServiceId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Event-pattern evidence per service: how the events a service emits inside a trace changed between the fault-free
 * reference and the incident, relative to how often the context that emits them ran.
 *
 * <p>Design note: after Nezha (Yu et al., "Nezha: Interpretable Fine-Grained Root Causes Analysis for Microservices
 * on Multi-Modal Observability Data", ESEC/FSE 2023), which turns spans and log templates into one event sequence
 * per trace, mines the patterns of consecutive events in a fault-free and a faulty period and blames the service
 * where the expected pattern and the actual one differ. A code-level fault (an early return, a thrown exception)
 * leaves volume and latency almost unchanged but changes which calls a handler makes and which lines it logs.
 * Here an event is a span (service and operation) or a log template; a pattern is a parent-child edge of the
 * trace: (parent span, child span) or (span, log template it printed). The pattern is the parent service's: its
 * code decides which calls follow and which lines are printed. Support is counted per execution of the context
 * (the parent event), not per trace, so a shift in the request mix (more of one page, less of another) does not
 * look like a change; a context that did not run at least {@value #MIN_CONTEXT} times in both periods is skipped
 * for the same reason. Each pattern scores by the binomial z of its window count against the reference support
 * times the context's window count, in both directions (new and vanished patterns both count), and a service
 * takes its strongest pattern. A support shift below {@value #MIN_SUPPORT_SHIFT} is no change: a client span whose
 * server span was lost, or a sampled-out child, moves a support near 1 by a few points, which a binomial z would
 * otherwise call significant.
 */
final class EventPatternSignal {
  static final int MIN_CONTEXT = 5;
  static final int TEMPLATE_TOKENS = 5;
  static final double MIN_SUPPORT_SHIFT = 0.05;

  private EventPatternSignal() {}

  static Map<ServiceId, Finding> score(IncidentData data) {
    Counts base = Counts.of(data.spansIn(data.eventBaseline()), data.logs(), data.eventBaseline());
    Counts win = Counts.of(data.spansIn(data.window()), data.logs(), data.window());
    Map<ServiceId, Finding> out = new HashMap<>();
    if (base.contexts.isEmpty() || win.contexts.isEmpty()) {
      return out;
    }
    Map<Pattern, Integer> all = new HashMap<>(win.patterns);
    base.patterns.forEach(all::putIfAbsent);
    all.keySet().forEach(p -> {
      int nBase = base.contexts.getOrDefault(p.context(), 0);
      int nWin = win.contexts.getOrDefault(p.context(), 0);
      if (nBase < MIN_CONTEXT || nWin < MIN_CONTEXT) {
        return;
      }
      int kBase = base.count(p);
      int kWin = win.count(p);
      if (Math.abs((double) kWin / nWin - (double) kBase / nBase) < MIN_SUPPORT_SHIFT) {
        return;
      }
      double p0 = (kBase + 0.5) / (nBase + 1);
      double expected = p0 * nWin;
      double z = Math.abs(kWin - expected) / Math.sqrt(expected * (1 - p0) + 1);
      ServiceId owner = p.context().service();
      Finding current = out.get(owner);
      if (current == null || z > current.strength()) {
        String what = kBase == 0 ? "new" : kWin == 0 ? "vanished" : kWin > expected ? "more frequent" : "rarer";
        out.put(owner, new Finding(z, String.format(Locale.ROOT,
            "event pattern %s: %s -> %s x%d per %d runs (%.1f expected from reference, z %.1f)", what,
            p.context().operation(), p.child(), kWin, nWin, expected, z), FaultType.UNKNOWN));
      }
    });
    return out;
  }

  /**
   * The first {@value #TEMPLATE_TOKENS} tokens of the masked template: like the fixed-depth prefix tree of Drain
   * (He et al., ICWS 2017), the leading words name the statement, later ones carry its arguments.
   */
  static String logKey(String body) {
    String key = LogSignal.templateKey(body);
    int at = -1;
    for (int i = 0; i < TEMPLATE_TOKENS; i++) {
      at = key.indexOf(' ', at + 1);
      if (at < 0) {
        return key;
      }
    }
    return key.substring(0, at);
  }

  /** A parent event: a span's service and operation. */
  record Event(ServiceId service, String operation) {}

  /** A parent event and what followed it inside the trace: a child span's event or a log template. */
  record Pattern(Event context, String child) {}

  private record Run(Pattern pattern, String contextSpanId) {}

  private record Counts(Map<Event, Integer> contexts, Map<Pattern, Integer> patterns) {
    static Counts of(List<Span> spans, List<LogRecord> logs, TimeWindow window) {
      Map<String, Span> bySpanId = new HashMap<>(spans.size() * 2);
      Map<Event, Integer> contexts = new HashMap<>();
      Map<Event, String> childNames = new HashMap<>();
      for (Span s : spans) {
        bySpanId.put(s.spanId(), s);
        contexts.merge(new Event(s.service(), s.operation()), 1, Integer::sum);
      }
      Map<Pattern, Integer> patterns = new HashMap<>();
      Set<Run> seen = new HashSet<>();
      for (Span s : spans) {
        Span parent = parentOf(bySpanId, s.traceId(), s.parentSpanId());
        if (parent != null) {
          String child = childNames.computeIfAbsent(new Event(s.service(), s.operation()),
              e -> "span " + e.service().name() + ' ' + e.operation());
          count(patterns, seen, new Pattern(new Event(parent.service(), parent.operation()), child), parent);
        }
      }
      for (LogRecord r : logs) {
        Span owner = window.contains(r.ts()) ? parentOf(bySpanId, r.traceId(), r.spanId()) : null;
        if (owner != null) {
          count(patterns, seen, new Pattern(new Event(owner.service(), owner.operation()), "log " + logKey(r.body())),
              owner);
        }
      }
      return new Counts(contexts, patterns);
    }

    private static Span parentOf(Map<String, Span> bySpanId, String traceId, String spanId) {
      if (spanId == null || spanId.isEmpty()) {
        return null;
      }
      Span s = bySpanId.get(spanId);
      return s != null && s.traceId().equals(traceId) ? s : null;
    }

    /** Support counts executions of the context, so a pattern repeated inside one execution counts once. */
    private static void count(Map<Pattern, Integer> patterns, Set<Run> seen, Pattern p, Span context) {
      if (seen.add(new Run(p, context.spanId()))) {
        patterns.merge(p, 1, Integer::sum);
      }
    }

    int count(Pattern p) {
      return patterns.getOrDefault(p, 0);
    }
  }
}
