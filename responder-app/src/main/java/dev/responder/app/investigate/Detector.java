package dev.responder.app.investigate;

import dev.responder.app.aci.AciContext;
import dev.responder.app.aci.LogPatterns;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
 *
 * <p>{@link #scan} slides such a window over a time range of a store: consecutive windows with signals are one
 * ongoing problem and extend one incident (new services and signals join its timeline, repeated signals do not),
 * compared against the last quiet baseline before it began, so a long problem does not become its own baseline.
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
      baseTemplates.add(r.service().name() + "|" + LogPatterns.key(r.body()));
    }
    Map<String, Integer> fresh = new HashMap<>();
    for (LogRecord r : ctx.store().searchLogs(new LogQuery(null, Severity.ERROR, null, ctx.window(), 20_000)).lines().rows()) {
      String key = r.service().name() + "|" + LogPatterns.key(r.body());
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
    return signals.isEmpty() ? Optional.empty() : Optional.of(detect(signals));
  }

  private static Incident detect(List<Anomaly> signals) {
    Set<ServiceId> services = new TreeSet<>();
    signals.forEach(s -> services.add(s.service()));
    String signature = "services:" + services;
    Instant at = signals.getFirst().ts();
    Incident incident = Incident.open(IncidentId.random(new SplittableRandom((signature + "@" + at).hashCode())),
        signals.size() + " signals on " + services, Severity.ERROR, at, signature, services);
    for (Anomaly a : signals.stream().limit(20).toList()) {
      incident = incident.record(new TimelineEntry(a.ts(), "signal", a.detector() + " " + a.fingerprint(),
          Map.of("observed", Double.toString(a.observed()), "expected", Double.toString(a.expected()))));
    }
    return incident;
  }

  /**
   * How {@link #scan} slides over a store.
   *
   * @param window the length of each examined window
   * @param step how far the window moves each time
   * @param baseline the length of the normal stretch each window is compared with
   */
  public record ScanSettings(Duration window, Duration step, Duration baseline) {
    public ScanSettings {
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(baseline, "baseline");
      if (window.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("window must be >= 1m but was " + window);
      }
      if (step.compareTo(Duration.ofSeconds(10)) < 0 || step.compareTo(window) > 0) {
        throw new IllegalArgumentException("step must be >= 10s and <= the window " + window + " but was " + step);
      }
      if (baseline.compareTo(window) < 0) {
        throw new IllegalArgumentException("baseline must be >= the window " + window + " but was " + baseline);
      }
    }

    /** 10-minute windows every 5 minutes against a 20-minute baseline. */
    public static ScanSettings defaults() {
      return new ScanSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(20));
    }
  }

  /**
   * Slides over {@code [from, to)} of {@code store} and returns the incidents opened, oldest first; each is saved
   * to {@code incidents} when it is given (null for none). An incident already open in the repository with the same
   * signature is extended rather than duplicated, so scanning the same range twice opens nothing new.
   */
  public static List<Incident> scan(TelemetryStore store, Instant from, Instant to, ScanSettings settings,
                                    IncidentRepository incidents) {
    Objects.requireNonNull(settings, "settings");
    TimeWindow range = TimeWindow.of(from, to);
    Topology topology = StoreIncident.topology(store, TimeWindow.of(from.minus(settings.baseline()), to));
    List<Incident> out = new ArrayList<>();
    Incident ongoing = null;
    Instant quietEnd = null;
    for (Instant t = range.from(); !t.plus(settings.window()).isAfter(range.to()); t = t.plus(settings.step())) {
      TimeWindow window = TimeWindow.of(t, t.plus(settings.window()));
      Instant baselineEnd = ongoing == null ? window.from() : quietEnd;
      List<Anomaly> found = signals(new AciContext(store, null, topology, window,
          TimeWindow.ending(baselineEnd, settings.baseline()), null));
      if (found.isEmpty()) {
        ongoing = null;
        continue;
      }
      if (ongoing == null) {
        quietEnd = window.from();
        ongoing = open(found, incidents);
        out.add(ongoing);
      } else {
        out.set(out.size() - 1, ongoing = extend(ongoing, found));
      }
      if (incidents != null) {
        incidents.save(ongoing);
      }
    }
    return out;
  }

  private static Incident open(List<Anomaly> found, IncidentRepository incidents) {
    Incident fresh = detect(found);
    if (incidents == null) {
      return fresh;
    }
    return incidents.findOpenBySignature(fresh.signature()).map(old -> extend(old, found)).orElse(fresh);
  }

  /** The signals' services join the incident; signals not yet on its timeline are recorded. */
  private static Incident extend(Incident incident, List<Anomaly> found) {
    Set<String> seen = new HashSet<>();
    incident.timeline().forEach(e -> seen.add(e.text()));
    Set<ServiceId> services = new TreeSet<>();
    found.forEach(a -> services.add(a.service()));
    Incident out = incident.withServices(services);
    for (Anomaly a : found) {
      String summary = a.detector() + " " + a.fingerprint();
      if (seen.add(summary) && out.timeline().size() < 50) {
        out = out.record(new TimelineEntry(a.ts(), "signal", summary, Map.of("observed", Double.toString(a.observed()),
            "expected", Double.toString(a.expected()))));
      }
    }
    return out;
  }
}
