package dev.responder.app.investigate;

import dev.responder.app.aci.AciContext;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.query.Deviation;
import dev.responder.core.query.DeviationQuery;
import dev.responder.core.query.LogQuery;
import dev.responder.core.signal.Anomaly;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Detection over a store: user-facing symptoms (error rate and latency shifts, which burn an SLO's budget; consumer
 * lag) and bursts of error-level log templates never seen in the baseline. Resource metrics alone (a batch job's CPU)
 * and warnings alone (a deprecation burst) do not open an incident. All signals of one window are grouped into one
 * incident whose signature names the services involved, so a storm of related alerts stays one incident.
 */
public final class Detector {
  private static final double MIN_SHIFT = 4.0;
  private static final double MIN_ERROR_RATE_RISE = 0.01;
  private static final double MIN_LATENCY_RATIO = 1.5;
  private static final int MIN_NEW_ERROR_LINES = 10;

  private Detector() {}

  /** The signals in the context's window; empty when nothing user-facing moved. */
  public static List<Anomaly> signals(AciContext ctx) {
    List<Anomaly> out = new ArrayList<>();
    for (Deviation d : ctx.store().topDeviations(new DeviationQuery(null, ctx.window(), ctx.baseline(), 200)).rows()) {
      if (isSymptom(d)) {
        out.add(new Anomaly(ctx.window().to(), ServiceId.of(d.service()), d.metric(), d.windowMean(), d.baselineMean(),
            Math.min(1, Math.abs(d.score()) / 20), "slo-shift"));
      }
    }
    Set<String> baseTemplates = new HashSet<>();
    for (LogRecord r : ctx.store().searchLogs(new LogQuery(null, Severity.ERROR, null, ctx.baseline(), 20_000)).lines().rows()) {
      baseTemplates.add(r.service().name() + "|" + LogTemplate.key(r.body()));
    }
    Map<String, Integer> fresh = new HashMap<>();
    for (LogRecord r : ctx.store().searchLogs(new LogQuery(null, Severity.ERROR, null, ctx.window(), 20_000)).lines().rows()) {
      String key = r.service().name() + "|" + LogTemplate.key(r.body());
      if (!baseTemplates.contains(key)) {
        fresh.merge(key, 1, Integer::sum);
      }
    }
    fresh.forEach((key, n) -> {
      if (n >= MIN_NEW_ERROR_LINES) {
        String service = key.substring(0, key.indexOf('|'));
        out.add(new Anomaly(ctx.window().to(), ServiceId.of(service), "log:" + key.substring(key.indexOf('|') + 1),
            n, 0, Math.min(1, n / 100.0), "new-error-template"));
      }
    });
    return out;
  }

  private static boolean isSymptom(Deviation d) {
    if (Math.abs(d.score()) < MIN_SHIFT) {
      return false;
    }
    return switch (d.metric()) {
      case "error_rate" -> d.windowMean() - d.baselineMean() > MIN_ERROR_RATE_RISE;
      case "latency_p95_ms", "latency_p99_ms" -> d.windowMean() > MIN_LATENCY_RATIO * Math.max(d.baselineMean(), 1);
      case "consumer_lag" -> d.windowMean() > 3 * Math.max(d.baselineMean(), 100);
      default -> false;
    };
  }

  /** Opens one incident for the window's signals, or none when there are none. */
  public static Optional<Incident> detect(AciContext ctx) {
    List<Anomaly> signals = signals(ctx);
    if (signals.isEmpty()) {
      return Optional.empty();
    }
    Set<ServiceId> services = new TreeSet<>();
    signals.forEach(s -> services.add(s.service()));
    String signature = "services:" + services;
    Incident incident = Incident.open(IncidentId.random(new SplittableRandom(signature.hashCode())),
        signals.size() + " signals on " + services, Severity.ERROR, ctx.window().to(), signature, services);
    for (Anomaly a : signals.stream().limit(20).toList()) {
      incident = incident.record(new TimelineEntry(a.ts(), "signal", a.detector() + " " + a.fingerprint(),
          Map.of("observed", Double.toString(a.observed()), "expected", Double.toString(a.expected()))));
    }
    return Optional.of(incident);
  }
}
