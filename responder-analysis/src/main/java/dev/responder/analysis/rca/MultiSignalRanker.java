package dev.responder.analysis.rca;

import dev.responder.analysis.change.ChangeCorrelator;
import dev.responder.analysis.change.RankedChange;
import dev.responder.analysis.trace.TraceAnalyzer;
import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Multi-signal root-cause ranking.
 *
 * <p>Design note: each signal (metric deviation, log anomalies, trace error origin and self time) gives every
 * service a z-like strength, scaled to [0, 1] by the signal's strongest service (but never by less than the
 * significance level, so a signal that is quiet everywhere stays quiet). The scaled signals combine by noisy-or
 * into an anomaly level {@code a(s)}. The graph then separates origins from victims, after MicroRCA (Wu et al.,
 * NOMS 2020) and the PetShop authors' traversal baseline (Hardt et al., 2023): an anomaly propagates from a callee
 * to its callers, so a service whose callees are as anomalous as itself is explained away
 * ({@code explainedPenalty}), and a service whose callers are anomalous sits on the propagation path
 * ({@code upstreamBonus}). Correlated changes (deploys, config, flags) add to the services they touched. When the
 * incident names its symptom, the anomaly traversal of {@link SymptomTraversal} from that symptom orders the
 * ranking first, and the score above orders services within each of its tiers. Changed event patterns inside traces
 * (after Nezha, Yu et al., FSE 2023, see {@link EventPatternSignal}) add to the propagated score.
 */
final class MultiSignalRanker implements RootCauseRanker {
  private static final double ANOMALOUS = 0.3;
  private static final double SYMPTOM_PATH_SHARE = 0.6;
  private static final double ALMOST_ONE = 0.999;

  private final String name;
  private final RankerSettings settings;
  private final TraceAnalyzer traces = TraceAnalyzer.create();
  private final ChangeCorrelator changes = ChangeCorrelator.defaults();

  MultiSignalRanker(String name, RankerSettings settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Candidate> rank(IncidentData data) {
    Set<ServiceId> services = data.services();
    List<Signal> signals = new ArrayList<>();
    if (settings.metricWeight() > 0) {
      signals.add(Signal.of(settings.metricWeight(), MetricSignal.score(data), settings.significance()));
    }
    if (settings.logWeight() > 0) {
      signals.add(Signal.of(settings.logWeight(), LogSignal.score(data), settings.significance()));
    }
    if (settings.traceWeight() > 0 && !data.spans().isEmpty()) {
      signals.add(Signal.of(settings.traceWeight(), TraceSignal.score(data, traces), settings.significance()));
    }
    Map<ServiceId, Double> anomaly = new TreeMap<>();
    Map<ServiceId, List<Scored>> evidence = new HashMap<>();
    for (ServiceId s : services) {
      double quiet = 1;
      List<Scored> lines = new ArrayList<>();
      for (Signal sig : signals) {
        Finding f = sig.findings.get(s);
        if (f != null) {
          double level = sig.weight * Math.min(1, f.strength() / sig.scale);
          quiet *= 1 - level;
          lines.add(new Scored(level, f.evidence(), f.hint()));
        }
      }
      anomaly.put(s, 1 - quiet);
      evidence.put(s, lines);
    }
    ServiceGraph graph = settings.useGraph() ? graph(data) : null;
    Map<ServiceId, Double> score = graph != null ? propagate(graph, anomaly, evidence) : new TreeMap<>(anomaly);
    addChanges(data, anomaly, score, evidence);
    addPatterns(data, score, evidence);
    if (graph != null) {
      anchorAtSymptom(data, graph, score, evidence);
    }
    return candidates(score, evidence);
  }

  /**
   * Event-pattern changes ({@link EventPatternSignal}) add to the propagated score rather than to the anomaly level:
   * a handler that stops making a call or prints a new line changed its own code path, so the change is not
   * explained away by anomalous callees the way volume and latency are.
   */
  private void addPatterns(IncidentData data, Map<ServiceId, Double> score, Map<ServiceId, List<Scored>> evidence) {
    if (settings.patternWeight() == 0 || data.spans().isEmpty()) {
      return;
    }
    Signal sig = Signal.of(settings.patternWeight(), EventPatternSignal.score(data), settings.significance());
    sig.findings.forEach((s, f) -> {
      if (score.containsKey(s)) {
        double level = sig.weight * Math.min(1, f.strength() / sig.scale);
        score.merge(s, level, Double::sum);
        evidence.get(s).add(new Scored(level, f.evidence(), null));
      }
    });
  }

  private ServiceGraph graph(IncidentData data) {
    return new ServiceGraph(data.edges().isEmpty() ? traces.inferEdges(data.spans()) : data.edges());
  }

  /**
   * With a known symptom, the traversal's tier comes first (a deepest anomalous callee of the symptom before any
   * other service); within a tier the traversal's path score and the multi-signal score share the order.
   */
  private void anchorAtSymptom(IncidentData data, ServiceGraph graph, Map<ServiceId, Double> score,
                               Map<ServiceId, List<Scored>> evidence) {
    Map<ServiceId, SymptomTraversal.Placement> placed = SymptomTraversal.place(data, graph,
        SymptomTraversal.ANOMALY_THRESHOLD);
    if (placed.isEmpty()) {
      return;
    }
    double loudest = score.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    placed.forEach((s, p) -> {
      double own = loudest > 0 ? score.getOrDefault(s, 0.0) / loudest : 0;
      score.put(s, p.tier() + SYMPTOM_PATH_SHARE * p.within() + (1 - SYMPTOM_PATH_SHARE) * own * ALMOST_ONE);
      evidence.computeIfAbsent(s, k -> new ArrayList<>()).add(new Scored(0, p.evidence(), null));
    });
  }

  private Map<ServiceId, Double> propagate(ServiceGraph graph, Map<ServiceId, Double> anomaly,
                                           Map<ServiceId, List<Scored>> evidence) {
    Map<ServiceId, Double> score = new TreeMap<>();
    anomaly.forEach((s, a) -> {
      double r = a;
      if (a > 0) {
        ServiceId loudestCallee = loudest(graph.calleesOf(s), anomaly);
        double explained = loudestCallee == null ? 0 : Math.min(1, anomaly.get(loudestCallee) / a);
        ServiceId loudestCaller = loudest(graph.callersOf(s), anomaly);
        double support = loudestCaller == null ? 0 : anomaly.get(loudestCaller);
        r = a * (1 - settings.explainedPenalty() * explained) * (1 + settings.upstreamBonus() * support);
        List<Scored> lines = evidence.get(s);
        if (explained >= ANOMALOUS) {
          lines.add(new Scored(-explained, String.format(Locale.ROOT,
              "graph: callee %s is anomalous too (%.2f vs %.2f): may be a victim", loudestCallee,
              anomaly.get(loudestCallee), a), null));
        } else if (!graph.calleesOf(s).isEmpty()) {
          lines.add(new Scored(0, "graph: its callees look healthy", null));
        }
        if (support >= ANOMALOUS) {
          lines.add(new Scored(0, String.format(Locale.ROOT, "graph: caller %s is anomalous (%.2f)", loudestCaller,
              support), null));
        }
      }
      score.put(s, r);
    });
    return score;
  }

  private static ServiceId loudest(Set<ServiceId> among, Map<ServiceId, Double> anomaly) {
    ServiceId best = null;
    for (ServiceId s : among) {
      if (best == null || anomaly.getOrDefault(s, 0.0) > anomaly.getOrDefault(best, 0.0)) {
        best = anomaly.containsKey(s) ? s : best;
      }
    }
    return best;
  }

  private void addChanges(IncidentData data, Map<ServiceId, Double> anomaly, Map<ServiceId, Double> score,
                          Map<ServiceId, List<Scored>> evidence) {
    if (settings.changeWeight() == 0 || data.changes().isEmpty()) {
      return;
    }
    Set<ServiceId> anomalous = new TreeSet<>();
    anomaly.forEach((s, a) -> {
      if (a >= ANOMALOUS) {
        anomalous.add(s);
      }
    });
    Set<ServiceId> seen = new TreeSet<>();
    for (RankedChange c : changes.rank(data.changes(), data.window().from(), anomalous, data.edges())) {
      ServiceId s = c.change().service();
      if (c.score() <= 0 || !seen.add(s)) {
        continue;
      }
      double level = settings.changeWeight() * c.score();
      score.merge(s, level, Double::sum);
      evidence.get(s).add(new Scored(level, "change: " + String.join("; ", c.reasons()), changeHint(c)));
    }
  }

  private static FaultType changeHint(RankedChange c) {
    return switch (c.change().kind()) {
      case DEPLOY -> FaultType.BAD_DEPLOY;
      case CONFIG -> FaultType.CONFIG_ERROR;
      case FLAG -> FaultType.FEATURE_FLAG_BUG;
      case SCALE, RESTART -> null;
    };
  }

  private static List<Candidate> candidates(Map<ServiceId, Double> score, Map<ServiceId, List<Scored>> evidence) {
    List<Candidate> out = new ArrayList<>();
    score.forEach((s, r) -> {
      List<Scored> lines = new ArrayList<>(evidence.get(s));
      lines.sort(Comparator.comparingDouble((Scored x) -> -Math.abs(x.level)));
      FaultType fault = FaultType.UNKNOWN;
      for (Scored line : lines) {
        if (line.hint != null && !line.hint.equals(FaultType.UNKNOWN) && line.level > 0) {
          fault = line.hint;
          break;
        }
      }
      out.add(new Candidate(s, r, fault, lines.stream().map(Scored::text).toList()));
    });
    out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::service));
    return out;
  }

  /** One signal's findings and the divisor that maps their strengths to [0, 1]. */
  private record Signal(double weight, Map<ServiceId, Finding> findings, double scale) {
    static Signal of(double weight, Map<ServiceId, Finding> findings, double significance) {
      double strongest = findings.values().stream().mapToDouble(Finding::strength).max().orElse(0);
      return new Signal(weight, findings, Math.max(strongest, significance));
    }
  }

  private record Scored(double level, String text, FaultType hint) {}
}
