package dev.responder.analysis.change;

import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Design note: the heuristic most change-aware RCA tools start from (e.g. Gandalf, Li et al., NSDI 2020, which
 * correlates deployments with anomalies in time and in space): suspicion decays exponentially with the time
 * between the change and the incident start, and is scaled by where the changed service sits relative to the
 * anomalous services. Kinds that alter code or behaviour (deploy, config, flag) weigh more than capacity
 * changes (scale, restart), which are more often reactions to an incident than causes of it.
 */
final class DefaultChangeCorrelator implements ChangeCorrelator {
  private final Settings settings;

  DefaultChangeCorrelator(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public List<RankedChange> rank(List<ChangeEvent> changes, Instant incidentStart, Set<ServiceId> anomalous,
                                 List<DependencyEdge> edges) {
    Set<ServiceId> neighbours = new HashSet<>();
    for (DependencyEdge e : edges) {
      if (anomalous.contains(e.caller())) {
        neighbours.add(e.callee());
      }
      if (anomalous.contains(e.callee())) {
        neighbours.add(e.caller());
      }
    }
    List<RankedChange> out = new ArrayList<>();
    for (ChangeEvent c : changes) {
      Duration before = Duration.between(c.ts(), incidentStart);
      if (before.compareTo(settings.lookBack()) > 0 || before.negated().compareTo(settings.grace()) > 0) {
        continue;
      }
      double closeness = before.isNegative() ? 1.0
          : Math.pow(0.5, (double) before.toMillis() / settings.halfLife().toMillis());
      double relevance;
      String where;
      if (anomalous.isEmpty() || anomalous.contains(c.service())) {
        relevance = 1.0;
        where = anomalous.isEmpty() ? "no anomaly map: every service relevant" : c.service() + " is anomalous";
      } else if (neighbours.contains(c.service())) {
        relevance = settings.neighbourRelevance();
        where = c.service() + " is a direct dependency of an anomalous service";
      } else {
        relevance = settings.unrelatedRelevance();
        where = c.service() + " is outside the anomalous part of the graph";
      }
      double score = closeness * relevance * kindWeight(c.kind());
      List<String> reasons = List.of(
          String.format(Locale.ROOT, "%s %s the incident start (closeness %.2f)", c.summary(),
              before.isNegative() ? humanize(before.negated()) + " after" : humanize(before) + " before", closeness),
          where);
      out.add(new RankedChange(c, score, closeness, relevance, reasons));
    }
    out.sort(Comparator.comparingDouble(RankedChange::score).reversed()
        .thenComparing(r -> r.change().ts(), Comparator.reverseOrder())
        .thenComparing(r -> r.change().summary()));
    return out;
  }

  static double kindWeight(ChangeEvent.Kind kind) {
    return switch (kind) {
      case DEPLOY -> 1.0;
      case CONFIG, FLAG -> 0.9;
      case SCALE -> 0.4;
      case RESTART -> 0.3;
    };
  }

  private static String humanize(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + "s" : (s / 60) + "m";
  }
}
