package dev.responder.app.metrics;

import dev.responder.core.incident.IncidentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Responder's success metrics over the incidents opened in {@code [from, to)}; docs/metrics.md defines each figure.
 * Durations are in seconds; a figure that cannot be known (a mean over no incidents, a rate over nothing rated) is
 * {@code null}, never NaN.
 *
 * @param byState how many of the incidents are in each state now, every state present (zero when none)
 * @param mitigated incidents that reached MITIGATED, or RESOLVED without it
 * @param escalated incidents that were ever ESCALATED
 * @param open incidents not RESOLVED
 * @param mttr impact start (else opening) to mitigation
 * @param ttd impact start to opening, for incidents with an {@code impact} entry
 * @param ttdiag opening to the first diagnosis
 * @param falsePositives incidents whose latest feedback says {@code false_positive=true}
 * @param falseNegatives incidents raised by Alertmanager or by hand ({@code alertmanager:} or {@code manual:} signature)
 * @param timeSavedSeconds the sum over mitigated incidents of {@code max(0, manual MTTR − Responder's MTTR)}
 */
public record Summary(Instant from, Instant to, int incidents, Map<IncidentState, Integer> byState, int mitigated,
                      int escalated, int open, Durations mttr, Durations ttd, Durations ttdiag, Approvals approvals,
                      Cost cost, int falsePositives, int falseNegatives, Accuracy diagnosisAccuracy,
                      Accuracy actionAccuracy, double timeSavedSeconds, ManualBaseline baseline) {
  public Summary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Map<IncidentState, Integer> all = new EnumMap<>(IncidentState.class);
    for (IncidentState s : IncidentState.values()) {
      all.put(s, byState.getOrDefault(s, 0));
    }
    byState = Collections.unmodifiableMap(all);
    Objects.requireNonNull(mttr, "mttr");
    Objects.requireNonNull(ttd, "ttd");
    Objects.requireNonNull(ttdiag, "ttdiag");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(diagnosisAccuracy, "diagnosisAccuracy");
    Objects.requireNonNull(actionAccuracy, "actionAccuracy");
    Objects.requireNonNull(baseline, "baseline");
  }

  /** False positives over all incidents in the range; {@code null} when there were none. */
  public Double falsePositiveRate() {
    return incidents == 0 ? null : (double) falsePositives / incidents;
  }

  /**
   * Mean and median of some durations, in seconds, and how many incidents they are known for.
   *
   * @param mean {@code null} when {@code count} is 0
   * @param median the middle value, or the mean of the two middle values; {@code null} when {@code count} is 0
   */
  public record Durations(Double mean, Double median, int count) {
    /** Of the given values, in any order. */
    public static Durations of(List<Double> seconds) {
      if (seconds.isEmpty()) {
        return new Durations(null, null, 0);
      }
      List<Double> sorted = new ArrayList<>(seconds);
      Collections.sort(sorted);
      double sum = 0;
      for (double s : sorted) {
        sum += s;
      }
      int n = sorted.size();
      double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Durations(sum / n, median, n);
    }
  }

  /** Approval requests of the incidents by where they stand; a person decided the approved and rejected ones. */
  public record Approvals(int approved, int rejected, int expired, int pending) {
    /** Approved over approved plus rejected; {@code null} when a person decided none. */
    public Double acceptanceRate() {
      int decided = approved + rejected;
      return decided == 0 ? null : (double) approved / decided;
    }
  }

  /**
   * What investigating cost, summed over every {@code cost} timeline entry.
   *
   * @param investigated incidents with at least one {@code cost} entry
   * @param totalTokens input plus output tokens
   */
  public record Cost(int investigated, double totalUsd, long totalTokens, long toolCalls) {
    public Double usdPerIncident() {
      return investigated == 0 ? null : totalUsd / investigated;
    }

    public Double tokensPerIncident() {
      return investigated == 0 ? null : (double) totalTokens / investigated;
    }

    public Double toolCallsPerIncident() {
      return investigated == 0 ? null : (double) toolCalls / investigated;
    }
  }

  /** How many incidents people rated (the latest rating per incident) and how many of those were rated correct. */
  public record Accuracy(int rated, int correct) {
    /** Correct over rated; {@code null} when nothing was rated. */
    public Double rate() {
      return rated == 0 ? null : (double) correct / rated;
    }
  }
}
