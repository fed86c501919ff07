package dev.responder.app.metrics;

import dev.responder.core.action.Approval;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes Responder's success metrics (time to mitigate, detect and diagnose, approval acceptance, cost, false
 * positives and negatives, feedback accuracy, time saved against a manual baseline) from incidents and their
 * approvals. Pure and deterministic: every fact comes from the incidents' timelines and the approvals given, the
 * result does not depend on their order, and nothing reads a clock. docs/metrics.md defines each figure.
 *
 * <p>An incident belongs to the range (and to a bucket) by its {@code openedAt}; an approval counts with its
 * incident, so approvals of incidents outside the range are ignored.
 */
public final class SuccessMetrics {
  /** The most buckets one series may have, so a request cannot make the server build an enormous reply. */
  public static final int MAX_BUCKETS = 1000;

  private SuccessMetrics() {}

  /**
   * The metrics over the incidents opened in {@code [from, to)}.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to}
   */
  public static Summary summary(List<Incident> incidents, List<Approval> approvals, Instant from, Instant to,
                                ManualBaseline baseline) {
    checkRange(from, to);
    Objects.requireNonNull(baseline, "baseline");
    return aggregate(facts(incidents, from, to), byIncident(approvals), from, to, baseline);
  }

  /**
   * The metrics per bucket over {@code [from, to)}, see {@link Series}.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code to}, or the range holds more than
   *     {@value #MAX_BUCKETS} buckets
   */
  public static Series series(List<Incident> incidents, List<Approval> approvals, Instant from, Instant to,
                              Bucket bucket, ManualBaseline baseline) {
    checkRange(from, to);
    Objects.requireNonNull(baseline, "baseline");
    Instant first = bucket.floor(from);
    long size = bucket.length().toSeconds();
    long count = Math.ceilDiv(to.getEpochSecond() - first.getEpochSecond() + (to.getNano() > 0 ? 1 : 0), size);
    if (count > MAX_BUCKETS) {
      throw new IllegalArgumentException("from " + from + " to " + to + " spans " + count + " " + bucket.label()
          + " buckets, more than the " + MAX_BUCKETS + " allowed; narrow the range or use a wider bucket");
    }
    List<List<Facts>> perBucket = new ArrayList<>();
    for (long k = 0; k < count; k++) {
      perBucket.add(new ArrayList<>());
    }
    for (Facts f : facts(incidents, from, to)) {
      int k = (int) ((f.facts().openedAt().getEpochSecond() - first.getEpochSecond()) / size);
      perBucket.get(k).add(f);
    }
    Map<IncidentId, List<Approval>> approvalsOf = byIncident(approvals);
    List<Series.Point> points = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Instant start = first.plusSeconds(k * size);
      Instant end = start.plusSeconds(size);
      Summary s = aggregate(perBucket.get(k), approvalsOf, start, end, baseline);
      points.add(new Series.Point(start, s.incidents(), s.mitigated(), s.mttr().mean(), s.ttd().mean(),
          s.approvals().acceptanceRate(), s.cost().totalUsd(), s.timeSavedSeconds(), s.falsePositives()));
    }
    return new Series(bucket, from, to, points);
  }

  /** One incident in range: its id (to find its approvals) and its facts. */
  private record Facts(IncidentId id, IncidentFacts facts) {}

  private static List<Facts> facts(List<Incident> incidents, Instant from, Instant to) {
    return incidents.stream()
        .filter(i -> !i.openedAt().isBefore(from) && i.openedAt().isBefore(to))
        .sorted(Comparator.comparing(Incident::openedAt).thenComparing(i -> i.id().value()))
        .map(i -> new Facts(i.id(), IncidentFacts.of(i)))
        .toList();
  }

  private static Map<IncidentId, List<Approval>> byIncident(List<Approval> approvals) {
    Map<IncidentId, List<Approval>> out = new HashMap<>();
    for (Approval a : approvals) {
      out.computeIfAbsent(a.incident(), k -> new ArrayList<>()).add(a);
    }
    return out;
  }

  private static Summary aggregate(List<Facts> incidents, Map<IncidentId, List<Approval>> approvalsOf, Instant from,
                                   Instant to, ManualBaseline baseline) {
    Tally tally = new Tally(baseline);
    for (Facts each : incidents) {
      tally.add(each.facts(), approvalsOf.getOrDefault(each.id(), List.of()));
    }
    return tally.summary(from, to);
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to but was from=" + from + ", to=" + to);
    }
  }

  /** Running sums over incidents, turned into a {@link Summary} at the end. */
  private static final class Tally {
    private final ManualBaseline baseline;
    private final Map<IncidentState, Integer> byState = new EnumMap<>(IncidentState.class);
    private final List<Double> mttr = new ArrayList<>();
    private final List<Double> ttd = new ArrayList<>();
    private final List<Double> ttdiag = new ArrayList<>();
    private final int[] approvalStates = new int[Approval.State.values().length];
    private final Rating diagnosis = new Rating();
    private final Rating action = new Rating();
    private int incidents;
    private int escalated;
    private int open;
    private int investigated;
    private double usd;
    private long tokens;
    private long toolCalls;
    private int falsePositives;
    private int falseNegatives;
    private double saved;

    Tally(ManualBaseline baseline) {
      this.baseline = baseline;
    }

    void add(IncidentFacts f, List<Approval> approvals) {
      incidents++;
      byState.merge(f.state(), 1, Integer::sum);
      addIfKnown(mttr, f.mttrSeconds());
      addIfKnown(ttd, f.ttdSeconds());
      addIfKnown(ttdiag, f.ttdiagSeconds());
      escalated += f.escalated() ? 1 : 0;
      open += f.state().isOpen() ? 1 : 0;
      approvals.forEach(a -> approvalStates[a.state().ordinal()]++);
      investigated += f.investigated() ? 1 : 0;
      usd += f.usd();
      tokens += f.tokens();
      toolCalls += f.toolCalls();
      falsePositives += Boolean.TRUE.equals(f.falsePositive()) ? 1 : 0;
      falseNegatives += f.falseNegative() ? 1 : 0;
      diagnosis.add(f.diagnosisCorrect());
      action.add(f.actionCorrect());
      saved += f.timeSavedSeconds(baseline);
    }

    Summary summary(Instant from, Instant to) {
      Summary.Approvals approvals = new Summary.Approvals(approvalStates[Approval.State.APPROVED.ordinal()],
          approvalStates[Approval.State.REJECTED.ordinal()], approvalStates[Approval.State.EXPIRED.ordinal()],
          approvalStates[Approval.State.PENDING.ordinal()]);
      return new Summary(from, to, incidents, byState, mttr.size(), escalated, open, Summary.Durations.of(mttr),
          Summary.Durations.of(ttd), Summary.Durations.of(ttdiag), approvals,
          new Summary.Cost(investigated, usd, tokens, toolCalls), falsePositives, falseNegatives, diagnosis.result(),
          action.result(), saved, baseline);
    }

    private static void addIfKnown(List<Double> values, Double value) {
      if (value != null) {
        values.add(value);
      }
    }
  }

  /** Counts ratings of one kind: {@code null} is unrated. */
  private static final class Rating {
    private int rated;
    private int correct;

    void add(Boolean verdict) {
      if (verdict != null) {
        rated++;
        correct += verdict ? 1 : 0;
      }
    }

    Summary.Accuracy result() {
      return new Summary.Accuracy(rated, correct);
    }
  }
}
