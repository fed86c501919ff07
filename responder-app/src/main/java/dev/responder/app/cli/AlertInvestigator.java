package dev.responder.app.cli;

import dev.responder.app.aci.AciContext;
import dev.responder.app.investigate.Coordinator;
import dev.responder.app.investigate.Investigation;
import dev.responder.app.investigate.ProgressListener;
import dev.responder.app.investigate.Reasoner;
import dev.responder.app.investigate.StoreIncident;
import dev.responder.app.report.Postmortem;
import dev.responder.app.server.IncidentEvents;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.port.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Investigates each incident an alert opens, one at a time on a background thread, over the telemetry already in the
 * store: the window runs from {@link #LOOKBACK} before the impact started (the alert's {@code startsAt}) to now (at
 * most {@link #MAX_WINDOW} after the start), the
 * baseline is the stretch before it. The hypotheses and the diagnosis are saved on the incident; no action is
 * taken, since a store has no environment to act on. A failed investigation is noted on the incident's timeline.
 */
final class AlertInvestigator implements AutoCloseable {
  /** How far before the impact start the investigated window begins. */
  static final Duration LOOKBACK = Duration.ofMinutes(10);
  /** The investigated window ends at most this long after the impact started (for alerts replayed late). */
  static final Duration MAX_WINDOW = Duration.ofMinutes(30);
  private static final Logger LOG = LoggerFactory.getLogger(AlertInvestigator.class);

  private final TelemetryStore store;
  private final IncidentRepository incidents;
  private final IncidentEvents events;
  private final InstantSource clock;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("alert-investigator").factory());

  AlertInvestigator(TelemetryStore store, IncidentRepository incidents, IncidentEvents events, InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Queues the incident's investigation; returns at once. */
  void submit(Incident opened) {
    try {
      worker.submit(() -> investigate(opened));
    } catch (RejectedExecutionException e) {
      LOG.warn("not investigating {}: shutting down", opened.id());
    }
  }

  private void investigate(Incident opened) {
    try {
      Instant start = Objects.requireNonNullElse(Postmortem.impactStart(opened), opened.openedAt());
      Instant from = start.minus(LOOKBACK);
      Instant now = clock.instant();
      Instant to = now.isAfter(start.plus(MAX_WINDOW)) ? start.plus(MAX_WINDOW) : now;
      if (!from.isBefore(to)) {
        from = to.minus(LOOKBACK);
      }
      AciContext ctx = StoreIncident.context(store, from, to);
      Incident current = incidents.find(opened.id()).orElse(opened);
      if (!current.state().isOpen()) {
        return;
      }
      LOG.info("investigating {} over {} .. {}", opened.id(), ctx.window().from(), ctx.window().to());
      ProgressListener progress = (who, what) -> LOG.debug("[{}] {}: {}", who, opened.id(), what);
      Investigation inv = Coordinator.create(Reasoner.heuristic(), clock, progress.andThen(events.progressOf(opened.id())))
          .investigate(current, ctx);
      incidents.save(inv.incident());
      LOG.info("{} diagnosed: {} at {} (confidence {})", opened.id(), inv.diagnosis().faultType(), inv.diagnosis().rootCause(),
          String.format(Locale.ROOT, "%.2f", inv.diagnosis().confidence()));
    } catch (RuntimeException e) {
      LOG.warn("investigation of {} failed: {}", opened.id(), e.getMessage());
      incidents.find(opened.id()).ifPresent(i -> incidents.save(i.record(new TimelineEntry(
          clock.instant(), "note", "automatic investigation failed: " + e.getMessage(), Map.of()))));
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
