package dev.responder.analysis.change;

import dev.responder.core.error.ConfigException;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.topology.DependencyEdge;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks deploys, config, flag, scale and restart events as suspects of an incident: a change shortly before the
 * incident started, on a service in the anomalous part of the dependency graph, is the usual first suspect.
 */
public interface ChangeCorrelator {

  /**
   * Tuning of the correlator.
   *
   * @param halfLife      how fast suspicion decays with the time between change and incident start
   * @param lookBack      changes older than this before the start are ignored
   * @param grace         changes up to this long after the start still count (clocks and detection lag)
   * @param neighbourRelevance relevance of a change on a direct dependency (caller or callee) of an anomalous service
   * @param unrelatedRelevance relevance of a change elsewhere in the graph
   */
  record Settings(Duration halfLife, Duration lookBack, Duration grace, double neighbourRelevance,
                  double unrelatedRelevance) {
    public Settings {
      Objects.requireNonNull(halfLife, "halfLife");
      Objects.requireNonNull(lookBack, "lookBack");
      Objects.requireNonNull(grace, "grace");
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new ConfigException("change halfLife must be > 0 but was " + halfLife);
      }
      if (lookBack.isNegative() || grace.isNegative()) {
        throw new ConfigException("change lookBack and grace must be >= 0 but were " + lookBack + ", " + grace);
      }
      if (neighbourRelevance < 0 || neighbourRelevance > 1 || unrelatedRelevance < 0 || unrelatedRelevance > 1) {
        throw new ConfigException("change relevances must be in [0, 1] but were " + neighbourRelevance
            + ", " + unrelatedRelevance);
      }
    }

    /** Half-life 15 min, look back 24 h, grace 2 min, neighbour 0.5, unrelated 0.1. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofMinutes(2), 0.5, 0.1);
    }
  }

  static ChangeCorrelator create(Settings settings) {
    return new DefaultChangeCorrelator(settings);
  }

  static ChangeCorrelator defaults() {
    return create(Settings.defaults());
  }

  /**
   * Scores the changes against an incident that started at {@code incidentStart}; changes outside the look-back
   * and grace periods are dropped. Sorted by score descending, then time descending, then summary.
   *
   * @param anomalous services that behave anomalously in the incident (empty when unknown: then all count as
   *                  relevant)
   * @param edges     the dependency graph, used to find neighbours of anomalous services; may be empty
   */
  List<RankedChange> rank(List<ChangeEvent> changes, Instant incidentStart, Set<ServiceId> anomalous,
                          List<DependencyEdge> edges);
}
