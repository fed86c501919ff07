package dev.responder.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.config.Units;
import dev.responder.app.metrics.Bucket;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.metrics.MetricsJson;
import dev.responder.app.metrics.Series;
import dev.responder.app.metrics.SuccessMetrics;
import dev.responder.app.metrics.Summary;
import dev.responder.core.action.Approval;
import dev.responder.core.error.ConfigException;
import dev.responder.core.incident.Incident;
import dev.responder.store.DuckDbDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder metrics}: Responder's success metrics over the incidents in the DuckDB state file, as a table or
 * as the JSON of {@code GET /api/v1/metrics/summary} (and {@code /timeseries} with {@code --bucket}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Success metrics: time to mitigate, detect and diagnose, approval acceptance, cost, false positives"
        + " and negatives, feedback accuracy and time saved; see docs/metrics.md.")
public final class MetricsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** As many incidents as the HTTP API reads. */
  private static final int SCAN = 10_000;

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--state", paramLabel = "FILE", description = "The DuckDB state file (default: the configuration's state file).")
  Path state;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
      description = "Incidents opened this long ago until now (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--bucket", paramLabel = "hour|day|week", description = "Also show the metrics per bucket.")
  String bucket;

  @Option(names = "--json", description = "Print the API's JSON: the summary, or {\"summary\", \"timeseries\"} with --bucket.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Duration range = Units.duration(since, "--since");
    if (range.isZero() || range.isNegative()) {
      throw new ConfigException("--since must be a positive duration such as 30d but was '" + since + "'");
    }
    Bucket per = bucket == null ? null : Bucket.parse(bucket);
    ManualBaseline baseline = ManualBaseline.load(global.config);
    Instant to = InstantSource.system().instant().truncatedTo(ChronoUnit.SECONDS);
    Instant from = to.minus(range);
    List<Incident> incidents;
    List<Approval> approvals = new ArrayList<>();
    try (DuckDbDatabase db = global.openState(state)) {
      incidents = db.incidents().list(Set.of(), SCAN).stream().filter(i -> !i.openedAt().isBefore(from)).toList();
      incidents.forEach(i -> approvals.addAll(db.approvals().forIncident(i.id())));
    }
    Summary summary = SuccessMetrics.summary(incidents, approvals, from, to, baseline);
    Series series = per == null ? null : SuccessMetrics.series(incidents, approvals, from, to, per, baseline);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode doc = MetricsJson.summary(summary);
      if (series != null) {
        doc = JSON.createObjectNode();
        doc.set("summary", MetricsJson.summary(summary));
        doc.set("timeseries", MetricsJson.series(series));
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      out.print(summaryTable(summary).render());
      if (series != null) {
        out.println();
        out.print(seriesTable(series).render());
      }
    }
    out.flush();
    return 0;
  }

  static Table summaryTable(Summary s) {
    Table t = new Table("metric", "value", "detail");
    t.row("incidents", s.incidents(), s.from() + " .. " + s.to());
    StringJoiner states = new StringJoiner(", ");
    s.byState().forEach((state, n) -> {
      if (n > 0) {
        states.add(state + " " + n);
      }
    });
    t.row("  by state", "", states.toString());
    t.row("mitigated", s.mitigated(), "reached MITIGATED, or RESOLVED without it");
    t.row("escalated", s.escalated(), "ever ESCALATED");
    t.row("open", s.open(), "not RESOLVED");
    durationRows(t, "time to mitigate", s.mttr(), "from impact start, else opening");
    durationRows(t, "time to detect", s.ttd(), "impact start to opening");
    durationRows(t, "time to diagnose", s.ttdiag(), "opening to first diagnosis");
    Summary.Approvals a = s.approvals();
    t.row("acceptance rate", percent(a.acceptanceRate()), a.approved() + " approved, " + a.rejected() + " rejected, "
        + a.expired() + " expired, " + a.pending() + " pending");
    Summary.Cost c = s.cost();
    t.row("cost per incident", c.usdPerIncident() == null ? "-" : usd(c.usdPerIncident()),
        c.investigated() + " investigated, " + usd(c.totalUsd()) + " in all");
    t.row("tokens per incident", number(c.tokensPerIncident()), c.totalTokens() + " in all");
    t.row("tool calls per incident", number(c.toolCallsPerIncident()), c.toolCalls() + " in all");
    t.row("false positives", s.falsePositives(), percent(s.falsePositiveRate()) + " of incidents, by feedback");
    t.row("false negatives", s.falseNegatives(), "raised by Alertmanager or by hand");
    t.row("diagnosis accuracy", percent(s.diagnosisAccuracy().rate()),
        s.diagnosisAccuracy().correct() + " of " + s.diagnosisAccuracy().rated() + " rated correct");
    t.row("action accuracy", percent(s.actionAccuracy().rate()),
        s.actionAccuracy().correct() + " of " + s.actionAccuracy().rated() + " rated correct");
    t.row("time saved", duration(s.timeSavedSeconds()),
        "against a manual time to mitigate of " + duration((double) s.baseline().timeToMitigate().toSeconds()));
    return t;
  }

  static Table seriesTable(Series s) {
    Table t = new Table("start", "incidents", "mitigated", "mttr", "ttd", "acceptance", "cost", "time_saved", "false_pos");
    for (Series.Point p : s.points()) {
      t.row(p.start(), p.incidents(), p.mitigated(), duration(p.mttrSeconds()), duration(p.ttdSeconds()),
          percent(p.acceptanceRate()), usd(p.costUsd()), duration(p.timeSavedSeconds()), p.falsePositives());
    }
    return t.note(s.points().size() + " " + s.bucket().label() + " buckets, UTC");
  }

  private static void durationRows(Table t, String name, Summary.Durations d, String detail) {
    t.row(name + " (mean)", duration(d.mean()), "n=" + d.count() + ", " + detail);
    t.row(name + " (median)", duration(d.median()), "");
  }

  /** {@code 45s}, {@code 4m 12s}, {@code 1h 30m}, {@code 2d 3h}; {@code -} when unknown. */
  static String duration(Double seconds) {
    if (seconds == null) {
      return "-";
    }
    long s = Math.round(seconds);
    String sign = s < 0 ? "-" : "";
    s = Math.abs(s);
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return sign + (s / 60) + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
    }
    if (s < 86_400) {
      return sign + (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
    }
    return sign + (s / 86_400) + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + "h");
  }

  private static String percent(Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.4f", v);
  }

  private static String number(Double v) {
    return v == null ? "-" : Table.num(v);
  }
}
