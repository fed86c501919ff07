package dev.responder.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics over four hand-built incidents whose figures are worked out below; times are offsets from T0,
 * Monday 2026-03-02 00:00 UTC.
 *
 * <pre>
 * A 00:10 sig-a              impact 00:05, diagnosis 00:15, MITIGATED 00:25, cost $0.10 1200 tok 10 calls
 *                            feedback diagnosis ok, action ok; approvals APPROVED, REJECTED
 * B 01:00 sig-b              no impact, diagnosis 01:10, MITIGATED 01:40, RESOLVED 02:00,
 *                            cost $0.30 3600 tok 20 calls + $0.05 600 tok 2 calls, cost "NaN" ignored;
 *                            feedback diagnosis ok then wrong, action wrong; approvals APPROVED, EXPIRED, PENDING
 * C 03:00 alertmanager:lat   impact 02:00, RESOLVED 05:00 without MITIGATED; feedback false_positive=true
 * D 05:00 manual:db          ESCALATED 05:05; feedback false_positive true then false, action "maybe"
 * outside: Z at T0 - 1s, E at T0 + 1d (with a REJECTED approval)
 * </pre>
 */
class SuccessMetricsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Instant END = T0.plus(Duration.ofDays(1));
  private static final ManualBaseline HOUR_BASELINE = new ManualBaseline(Duration.ofMinutes(60));
  private static final Action RESTART = new Action(ActionKind.RESTART, ServiceId.of("payment"), Map.of(), Risk.LOW,
      Reversibility.REVERSIBLE, "clear pool");

  private static Instant at(int hours, int minutes) {
    return T0.plus(Duration.ofHours(hours).plusMinutes(minutes));
  }

  private static Incident open(String id, Instant at, String signature) {
    return Incident.open(new IncidentId(id), id, Severity.ERROR, at, signature, Set.of(ServiceId.of("payment")));
  }

  private static TimelineEntry entry(Instant ts, String kind, Map<String, String> attributes) {
    return new TimelineEntry(ts, kind, kind, attributes);
  }

  private static TimelineEntry cost(Instant ts, String usd, long in, long out, int calls) {
    return entry(ts, "cost", Map.of("usd", usd, "input_tokens", Long.toString(in), "output_tokens", Long.toString(out),
        "tool_calls", Integer.toString(calls), "steps", "3", "wall_ms", "100"));
  }

  private static Incident diagnosedAndMitigated(Incident i, Instant diagnosis, Instant mitigated) {
    return i.moveTo(IncidentState.INVESTIGATING, diagnosis.minusSeconds(60), "")
        .withDiagnosis(new Diagnosis(ServiceId.of("payment"), FaultType.CONNECTION_POOL_EXHAUSTION, 0.9, "pool", List.of()), diagnosis)
        .moveTo(IncidentState.DIAGNOSED, diagnosis, "")
        .moveTo(IncidentState.MITIGATING, mitigated.minusSeconds(60), "")
        .moveTo(IncidentState.MITIGATED, mitigated, "");
  }

  private static final Incident A = diagnosedAndMitigated(open("INC-A", at(0, 10), "sig-a")
      .record(entry(at(0, 10), "impact", Map.of("started_at", at(0, 5).toString())))
      .record(cost(at(0, 14), "0.10", 1000, 200, 10)), at(0, 15), at(0, 25))
      .record(entry(at(1, 0), "feedback", Map.of("diagnosis_correct", "true", "action_correct", "true")));
  private static final Incident B = diagnosedAndMitigated(open("INC-B", at(1, 0), "sig-b")
      .record(cost(at(1, 5), "0.30", 3000, 600, 20))
      .record(cost(at(1, 6), "0.05", 500, 100, 2))
      .record(cost(at(1, 7), "NaN", 0, 0, 0)), at(1, 10), at(1, 40))
      .moveTo(IncidentState.RESOLVED, at(2, 0), "")
      .record(entry(at(2, 1), "feedback", Map.of("diagnosis_correct", "true", "action_correct", "false")))
      .record(entry(at(2, 2), "feedback", Map.of("diagnosis_correct", "false")));
  private static final Incident C = open("INC-C", at(3, 0), "alertmanager:HighLatency")
      .record(entry(at(3, 0), "impact", Map.of("started_at", at(2, 0).toString())))
      .record(entry(at(3, 1), "impact", Map.of("started_at", at(0, 0).toString())))
      .moveTo(IncidentState.RESOLVED, at(5, 0), "")
      .record(entry(at(5, 1), "feedback", Map.of("false_positive", "true")));
  private static final Incident D = open("INC-D", at(5, 0), "manual:db")
      .moveTo(IncidentState.ESCALATED, at(5, 5), "")
      .record(entry(at(5, 6), "feedback", Map.of("false_positive", "true")))
      .record(entry(at(5, 7), "feedback", Map.of("false_positive", "false", "action_correct", "maybe")));
  private static final Incident Z = open("INC-Z", T0.minusSeconds(1), "manual:z").moveTo(IncidentState.RESOLVED, T0, "");
  private static final Incident E = open("INC-E", END, "sig-e").moveTo(IncidentState.RESOLVED, END.plusSeconds(60), "");

  private static final List<Incident> INCIDENTS = List.of(A, B, C, D, Z, E);
  private static final List<Approval> APPROVALS = List.of(
      approval("APR-1", A, Approval.State.APPROVED), approval("APR-2", A, Approval.State.REJECTED),
      approval("APR-3", B, Approval.State.APPROVED), approval("APR-4", B, Approval.State.EXPIRED),
      approval("APR-5", B, Approval.State.PENDING), approval("APR-6", E, Approval.State.REJECTED));

  private static Approval approval(String id, Incident incident, Approval.State state) {
    Approval a = Approval.request(id, incident.id(), RESTART, "restart", incident.openedAt().plusSeconds(30));
    return state == Approval.State.PENDING ? a : a.decide(state, "alice", incident.openedAt().plusSeconds(90), "");
  }

  private static Summary day() {
    return SuccessMetrics.summary(INCIDENTS, APPROVALS, T0, END, HOUR_BASELINE);
  }

  @Test
  void summary_countsOnlyIncidentsOpenedInTheRange_byState() {
    Summary s = day();
    assertThat(s.incidents()).isEqualTo(4);
    assertThat(s.byState()).containsEntry(IncidentState.MITIGATED, 1).containsEntry(IncidentState.RESOLVED, 2)
        .containsEntry(IncidentState.ESCALATED, 1).containsEntry(IncidentState.DETECTED, 0)
        .hasSize(IncidentState.values().length);
    assertThat(s.mitigated()).as("A, B and C (resolved without MITIGATED)").isEqualTo(3);
    assertThat(s.escalated()).isEqualTo(1);
    assertThat(s.open()).as("A and D").isEqualTo(2);
  }

  @Test
  void mttr_runsFromImpactStartElseOpening_toFirstMitigation() {
    // A 00:05 -> 00:25 = 1200s; B 01:00 (opening) -> 01:40 = 2400s; C 02:00 (first impact entry) -> 05:00 = 10800s
    Summary.Durations mttr = day().mttr();
    assertThat(mttr.count()).isEqualTo(3);
    assertThat(mttr.mean()).isEqualTo((1200 + 2400 + 10800) / 3.0);
    assertThat(mttr.median()).isEqualTo(2400.0);
  }

  @Test
  void ttd_isKnownOnlyWithAnImpactEntry_andTtdiagRunsFromOpeningToFirstDiagnosis() {
    // A 00:05 -> 00:10 = 300s; C 02:00 -> 03:00 = 3600s; even count: the median is the mean of the middle two
    Summary s = day();
    assertThat(s.ttd()).isEqualTo(new Summary.Durations(1950.0, 1950.0, 2));
    // A 00:10 -> 00:15 = 300s; B 01:00 -> 01:10 = 600s
    assertThat(s.ttdiag()).isEqualTo(new Summary.Durations(450.0, 450.0, 2));
  }

  @Test
  void acceptance_isApprovedOverDecidedByAPerson_expiredAndPendingApart() {
    Summary s = day();
    assertThat(s.approvals()).as("APR-6 belongs to E, outside the range").isEqualTo(new Summary.Approvals(2, 1, 1, 1));
    assertThat(s.approvals().acceptanceRate()).isEqualTo(2.0 / 3);
    assertThat(new Summary.Approvals(0, 0, 3, 2).acceptanceRate()).isNull();
  }

  @Test
  void cost_isSummedOverCostEntries_perInvestigatedIncident_ignoringNonNumbers() {
    Summary.Cost c = day().cost();
    assertThat(c.investigated()).isEqualTo(2);
    assertThat(c.totalUsd()).isCloseTo(0.45, within(1e-12));
    assertThat(c.totalTokens()).isEqualTo(1200 + 3600 + 600);
    assertThat(c.toolCalls()).isEqualTo(32);
    assertThat(c.usdPerIncident()).isCloseTo(0.225, within(1e-12));
    assertThat(c.tokensPerIncident()).isEqualTo(2700.0);
    assertThat(c.toolCallsPerIncident()).isEqualTo(16.0);
  }

  @Test
  void falsePositives_followTheLatestFeedback_andFalseNegativesTheSignature() {
    Summary s = day();
    assertThat(s.falsePositives()).as("C; D was taken back").isEqualTo(1);
    assertThat(s.falsePositiveRate()).isEqualTo(0.25);
    assertThat(s.falseNegatives()).as("C alertmanager:, D manual:; Z manual: is outside").isEqualTo(2);
  }

  @Test
  void accuracy_usesTheLatestRatingPerIncident_andIgnoresNonBooleans() {
    Summary s = day();
    assertThat(s.diagnosisAccuracy()).as("A right, B wrong at last").isEqualTo(new Summary.Accuracy(2, 1));
    assertThat(s.diagnosisAccuracy().rate()).isEqualTo(0.5);
    assertThat(s.actionAccuracy()).as("A right, B wrong, D 'maybe' unrated").isEqualTo(new Summary.Accuracy(2, 1));
    assertThat(new Summary.Accuracy(0, 0).rate()).isNull();
  }

  @Test
  void timeSaved_isManualMinusResponderMttr_clampedAtZero() {
    // 60m baseline: A 3600-1200 = 2400, B 3600-2400 = 1200, C 3600-10800 < 0 -> 0
    assertThat(day().timeSavedSeconds()).isEqualTo(3600.0);
    Summary slow = SuccessMetrics.summary(INCIDENTS, APPROVALS, T0, END, new ManualBaseline(Duration.ofMinutes(90)));
    // 5400-1200 + 5400-2400 + 0
    assertThat(slow.timeSavedSeconds()).isEqualTo(7200.0);
    assertThat(slow.baseline().timeToMitigate()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void summary_doesNotDependOnInputOrder() {
    List<Incident> shuffled = new ArrayList<>(INCIDENTS);
    List<Approval> approvals = new ArrayList<>(APPROVALS);
    Collections.shuffle(shuffled, new Random(7));
    Collections.shuffle(approvals, new Random(7));
    assertThat(SuccessMetrics.summary(shuffled, approvals, T0, END, HOUR_BASELINE)).isEqualTo(day());
  }

  @Test
  void emptyRange_hasNullsNotNaN_inJson() {
    Summary s = SuccessMetrics.summary(INCIDENTS, APPROVALS, T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(3)), HOUR_BASELINE);
    JsonNode json = MetricsJson.summary(s);
    assertThat(json.get("incidents").asInt()).isZero();
    assertThat(json.get("mttr_seconds").get("mean").isNull()).isTrue();
    assertThat(json.get("mttr_seconds").get("count").asInt()).isZero();
    assertThat(json.get("acceptance_rate").isNull()).isTrue();
    assertThat(json.get("cost").get("usd_per_incident").isNull()).isTrue();
    assertThat(json.get("false_positive_rate").isNull()).isTrue();
    assertThat(json.get("diagnosis_accuracy").get("rate").isNull()).isTrue();
    assertThat(json.get("time_saved_seconds").asDouble()).isZero();
    assertThat(json.get("manual_baseline").get("time_to_mitigate_seconds").asDouble()).isEqualTo(3600.0);
    assertThat(json.toString()).doesNotContain("NaN");
  }

  @Test
  void json_summary_hasTheDocumentedFields() {
    JsonNode json = MetricsJson.summary(day());
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("from", "to", "incidents", "by_state", "mitigated", "escalated", "open",
        "mttr_seconds", "ttd_seconds", "ttdiag_seconds", "approvals", "acceptance_rate", "cost", "false_positives",
        "false_negatives", "false_positive_rate", "diagnosis_accuracy", "action_accuracy", "time_saved_seconds",
        "manual_baseline");
    assertThat(json.get("from").asText()).isEqualTo(T0.toString());
    assertThat(json.get("by_state").get("RESOLVED").asInt()).isEqualTo(2);
    assertThat(json.get("mttr_seconds").get("median").asDouble()).isEqualTo(2400.0);
    assertThat(json.get("approvals").get("expired").asInt()).isEqualTo(1);
    assertThat(json.get("cost").get("tool_calls_per_incident").asDouble()).isEqualTo(16.0);
    assertThat(json.get("action_accuracy").get("rated").asInt()).isEqualTo(2);
  }

  @Test
  void hourlySeries_hasEveryBucket_emptyOnesToo() {
    Series s = SuccessMetrics.series(INCIDENTS, APPROVALS, T0, at(6, 0), Bucket.HOUR, HOUR_BASELINE);
    assertThat(s.points()).extracting(Series.Point::start)
        .containsExactly(at(0, 0), at(1, 0), at(2, 0), at(3, 0), at(4, 0), at(5, 0));
    assertThat(s.points()).extracting(Series.Point::incidents).containsExactly(1, 1, 0, 1, 0, 1);
    assertThat(s.points().get(0)).isEqualTo(new Series.Point(at(0, 0), 1, 1, 1200.0, 300.0, 0.5, 0.10, 2400.0, 0));
    assertThat(s.points().get(2)).isEqualTo(new Series.Point(at(2, 0), 0, 0, null, null, null, 0.0, 0.0, 0));
    assertThat(s.points().get(3)).isEqualTo(new Series.Point(at(3, 0), 1, 1, 10800.0, 3600.0, null, 0.0, 0.0, 1));
    assertThat(s.points().get(1).costUsd()).isCloseTo(0.35, within(1e-12));
    assertThat(s.points().get(1).acceptanceRate()).as("APR-3 approved, APR-4 expired, APR-5 pending").isEqualTo(1.0);
  }

  @Test
  void series_alignsBucketsInUtc_andCountsOnlyTheRange() {
    // from 00:30 to 02:30: buckets 00:00, 01:00, 02:00; A (00:10) is before from; B opens exactly on 01:00
    Series s = SuccessMetrics.series(INCIDENTS, APPROVALS, at(0, 30), at(2, 30), Bucket.HOUR, HOUR_BASELINE);
    assertThat(s.points()).extracting(Series.Point::start).containsExactly(at(0, 0), at(1, 0), at(2, 0));
    assertThat(s.points()).extracting(Series.Point::incidents).containsExactly(0, 1, 0);

    Series days = SuccessMetrics.series(INCIDENTS, APPROVALS, T0, END.plusSeconds(1), Bucket.DAY, HOUR_BASELINE);
    assertThat(days.points()).extracting(Series.Point::incidents).as("E opens exactly at the second day").containsExactly(4, 1);

    Instant wednesday = Instant.parse("2026-03-04T13:45:00Z");
    assertThat(Bucket.WEEK.floor(wednesday)).isEqualTo(T0);
    assertThat(Bucket.WEEK.floor(T0)).isEqualTo(T0);
    assertThat(Bucket.WEEK.floor(T0.minusSeconds(1))).isEqualTo(T0.minus(Duration.ofDays(7)));
    assertThat(Bucket.DAY.floor(wednesday)).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
    assertThat(Bucket.HOUR.floor(wednesday)).isEqualTo(Instant.parse("2026-03-04T13:00:00Z"));
  }

  @Test
  void series_refusesMoreThan1000Buckets() {
    assertThat(SuccessMetrics.series(INCIDENTS, APPROVALS, T0, T0.plus(Duration.ofHours(1000)), Bucket.HOUR, HOUR_BASELINE)
        .points()).hasSize(1000);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SuccessMetrics.series(INCIDENTS, APPROVALS, T0, T0.plus(Duration.ofHours(1000)).plusMillis(1),
            Bucket.HOUR, HOUR_BASELINE))
        .withMessageContaining("1001 hour buckets").withMessageContaining("1000");
  }

  @Test
  void rangeAndBucket_areValidated() {
    assertThatIllegalArgumentException().isThrownBy(() -> SuccessMetrics.summary(INCIDENTS, APPROVALS, END, T0, HOUR_BASELINE))
        .withMessageContaining("from must be before to");
    assertThatIllegalArgumentException().isThrownBy(() -> SuccessMetrics.summary(INCIDENTS, APPROVALS, T0, T0, HOUR_BASELINE));
    assertThat(Bucket.parse("Week")).isEqualTo(Bucket.WEEK);
    assertThatIllegalArgumentException().isThrownBy(() -> Bucket.parse("fortnight"))
        .withMessageContaining("'fortnight'").withMessageContaining("[hour, day, week]");
  }

  @Test
  void baseline_parsesTheMetricsSection_defaultingTo60m() {
    assertThat(ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-mitigate: 90m\n", "r.yaml").timeToMitigate())
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(ManualBaseline.parse("store: x.duckdb\n", "r.yaml")).isEqualTo(ManualBaseline.defaults());
    assertThat(ManualBaseline.parse("metrics:\n  manual-baseline: {}\n", "r.yaml").timeToMitigate()).isEqualTo(Duration.ofMinutes(60));
    assertThat(ManualBaseline.parse("", "r.yaml")).isEqualTo(ManualBaseline.defaults());
  }

  @Test
  void baseline_rejectsUnknownKeysAndBadDurations_namingKeyFileAndValue() {
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-mitigate: ninety\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.manual-baseline.time-to-mitigate")
        .hasMessageContaining("r.yaml").hasMessageContaining("'ninety'");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-mitigate: 0m\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("positive").hasMessageContaining("'0m'")
        .hasMessageContaining("r.yaml");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-mitigate: PT-5M\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'PT-5M'");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-mitigate:\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("time-to-mitigate").hasMessageContaining("empty");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-basline:\n    time-to-mitigate: 90m\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'manual-basline'").hasMessageContaining("r.yaml");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics:\n  manual-baseline:\n    time-to-resolve: 90m\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'time-to-resolve'").hasMessageContaining("[time-to-mitigate]");
    assertThatThrownBy(() -> ManualBaseline.parse("metrics: 90m\n", "r.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metrics must be a mapping").hasMessageContaining("'90m'");
  }

  @Test
  void baseline_loadsAnExplicitFile_whichMustExist(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("responder.yaml");
    Files.writeString(file, "metrics:\n  manual-baseline:\n    time-to-mitigate: 2h\n");
    assertThat(ManualBaseline.load(file).timeToMitigate()).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> ManualBaseline.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
  }
}
