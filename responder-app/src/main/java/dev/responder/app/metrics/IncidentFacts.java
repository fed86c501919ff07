package dev.responder.app.metrics;

import dev.responder.app.investigate.Cost;
import dev.responder.app.report.Postmortem;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What the success metrics need from one incident, read from its timeline once. Unknown facts are {@code null};
 * malformed attribute values (a {@code started_at} that is not an instant, a cost that is not a number) count as
 * absent rather than failing the whole report, since the timeline is runtime data written by many hands.
 *
 * @param impactStart the {@code started_at} of the first {@code impact} entry, or {@code null}
 * @param mitigatedAt when it first entered MITIGATED, else RESOLVED when it was resolved without MITIGATED
 * @param diagnosedAt the first {@code diagnosis} entry
 * @param costEntries how many {@code cost} entries it has; more than zero means Responder investigated it
 * @param falsePositive the latest feedback {@code false_positive}, or {@code null} when never given
 * @param falseNegative raised by people or another system rather than Responder's detector
 */
record IncidentFacts(Instant openedAt, IncidentState state, Instant impactStart, Instant mitigatedAt, Instant diagnosedAt,
                     boolean escalated, int costEntries, double usd, long tokens, long toolCalls, Boolean falsePositive,
                     boolean falseNegative, Boolean diagnosisCorrect, Boolean actionCorrect) {

  /** Signature prefixes of incidents that Responder's detector did not open. */
  static final String[] RAISED_ELSEWHERE = {"alertmanager:", "manual:"};

  static IncidentFacts of(Incident incident) {
    Instant diagnosed = null;
    int costEntries = 0;
    Boolean fp = null;
    Boolean diagnosisOk = null;
    Boolean actionOk = null;
    for (TimelineEntry e : incident.timeline()) {
      switch (e.kind()) {
        case "diagnosis" -> diagnosed = diagnosed == null ? e.ts() : diagnosed;
        case "cost" -> costEntries++;
        case "feedback" -> {
          fp = flag(e.attributes().get("false_positive"), fp);
          diagnosisOk = flag(e.attributes().get("diagnosis_correct"), diagnosisOk);
          actionOk = flag(e.attributes().get("action_correct"), actionOk);
        }
        default -> { }
      }
    }
    Cost cost = Cost.fromTimeline(incident);
    Instant mitigated = incident.firstEntered(IncidentState.MITIGATED)
        .or(() -> incident.firstEntered(IncidentState.RESOLVED)).orElse(null);
    boolean escalated = incident.firstEntered(IncidentState.ESCALATED).isPresent();
    return new IncidentFacts(incident.openedAt(), incident.state(), Postmortem.impactStart(incident), mitigated, diagnosed,
        escalated, costEntries, cost.usd(), cost.inputTokens() + cost.outputTokens(), cost.toolCalls(), fp,
        raisedElsewhere(incident.signature()), diagnosisOk, actionOk);
  }

  /** Impact start to mitigation; from the opening when the impact start is unknown. */
  Double mttrSeconds() {
    return mitigatedAt == null ? null : seconds(impactStart != null ? impactStart : openedAt, mitigatedAt);
  }

  /** Impact start to the opening; unknown without an {@code impact} entry. */
  Double ttdSeconds() {
    return impactStart == null ? null : seconds(impactStart, openedAt);
  }

  /** The opening to the first diagnosis. */
  Double ttdiagSeconds() {
    return diagnosedAt == null ? null : seconds(openedAt, diagnosedAt);
  }

  boolean mitigated() {
    return mitigatedAt != null;
  }

  boolean investigated() {
    return costEntries > 0;
  }

  /** {@code max(0, manual − responder)} for a mitigated incident, else 0. */
  double timeSavedSeconds(ManualBaseline baseline) {
    Double mttr = mttrSeconds();
    return mttr == null ? 0 : Math.max(0, baseline.timeToMitigate().toMillis() / 1000.0 - mttr);
  }

  private static boolean raisedElsewhere(String signature) {
    for (String prefix : RAISED_ELSEWHERE) {
      if (signature.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** {@code true}/{@code false} replaces the earlier value; anything else keeps it, so the latest rating wins. */
  private static Boolean flag(String text, Boolean earlier) {
    if (text == null) {
      return earlier;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> earlier;
    };
  }
}
