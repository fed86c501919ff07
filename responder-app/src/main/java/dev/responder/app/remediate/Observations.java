package dev.responder.app.remediate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.query.Aggregation;
import dev.responder.core.query.ChangeQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.query.MetricQuery;
import dev.responder.core.query.MetricSeries;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The facts a plan needs, read from the telemetry and diagnostics of the incident. */
final class Observations {
  private static final String SELF = "responder";
  private final AciContext ctx;
  private final TimeWindow lookback;

  Observations(AciContext ctx) {
    this.ctx = ctx;
    this.lookback = TimeWindow.of(ctx.window().from().minus(Duration.ofHours(1)), ctx.window().to());
  }

  /** Changes to the service that people or pipelines made (not Responder), oldest first. */
  List<ChangeEvent> changes(ServiceId service, ChangeEvent.Kind kind) {
    List<ChangeEvent> out = new ArrayList<>(ctx.store().changes(new ChangeQuery(service.name(), kind, lookback, 200)).rows());
    out.removeIf(c -> SELF.equals(c.author()));
    out.sort(Comparator.comparing(ChangeEvent::ts));
    return out;
  }

  /** The current replica count, or empty when the service reports none. */
  Optional<Integer> replicas(ServiceId service) {
    List<MetricSeries> s = ctx.store().metrics(MetricQuery.of(service.name(), "replicas", ctx.window(),
        Duration.ofMinutes(1), Aggregation.MAX)).rows();
    return s.stream().flatMap(x -> x.points().stream()).max(Comparator.comparing(MetricSeries.Point::ts))
        .map(p -> (int) Math.round(p.value()));
  }

  /** The mean of a metric over the last five minutes of the window, across instances. */
  OptionalDouble recentMean(ServiceId service, String metric) {
    TimeWindow last = TimeWindow.ending(ctx.window().to(), Duration.ofMinutes(5));
    return ctx.store().metrics(MetricQuery.of(service.name(), metric, last, Duration.ofMinutes(1), Aggregation.AVG)).rows()
        .stream().flatMap(x -> x.points().stream()).mapToDouble(MetricSeries.Point::value).average();
  }

  /** The instance with the highest value of a metric in the last five minutes. */
  Optional<String> worstInstance(ServiceId service, String metric) {
    TimeWindow last = TimeWindow.ending(ctx.window().to(), Duration.ofMinutes(5));
    List<MetricSeries> rows = ctx.store().metrics(new MetricQuery(service.name(), metric, last, Duration.ofMinutes(1),
        Aggregation.MAX, true, 10_000)).rows();
    return rows.stream().filter(r -> !r.instance().isEmpty() && !r.points().isEmpty())
        .max(Comparator.comparingDouble(r -> r.points().get(r.points().size() - 1).value()))
        .map(MetricSeries::instance);
  }

  /** The first match of {@code pattern}'s group 1 in the service's recent logs containing {@code text}. */
  Optional<String> fromLogs(ServiceId service, String text, Pattern pattern) {
    List<LogRecord> lines = ctx.store().searchLogs(new LogQuery(service == null ? null : service.name(), null, text,
        ctx.window(), 200)).lines().rows();
    for (LogRecord r : lines) {
      Matcher m = pattern.matcher(r.body());
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** Runs a diagnostic in the environment, if there is one. */
  Optional<DiagnosticCheck.Result> diagnose(DiagnosticCheck.Kind kind, ServiceId service) {
    return ctx.env().map(e -> e.diagnose(new DiagnosticCheck(kind, service, Map.of())));
  }

  AciContext context() {
    return ctx;
  }
}
