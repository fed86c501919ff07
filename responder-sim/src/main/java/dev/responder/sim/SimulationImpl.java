package dev.responder.sim;

import dev.responder.core.action.Action;
import dev.responder.core.action.ActionResult;
import dev.responder.core.port.DiagnosticCheck;
import dev.responder.core.port.TelemetrySink;
import dev.responder.core.telemetry.ChangeEvent;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.telemetry.Span;
import dev.responder.core.telemetry.TelemetryBatch;
import dev.responder.core.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The simulation: the tick loop, with state in {@link SimState} and each concern in its own collaborator. */
final class SimulationImpl implements Simulation {
  /** Ticks per batch handed to the sink: large enough for efficient appends, small enough to bound memory. */
  private static final int TICKS_PER_BATCH = 30;
  private final AppModel app;
  private final SimSettings settings;
  private final long seed;
  private final Instant start;
  private final double dt;
  private final CallGraph graph;
  private final Topology topology;
  private final Layout layout;
  private final Workload workload;
  private final Physics physics;
  private final Lifecycle lifecycle;
  private final ActionEffects actions;
  private final MetricEmitter metrics;
  private final LogEmitter logs;
  private final TraceEmitter traces;
  private SimState state;

  SimulationImpl(AppModel app, SimSettings settings, long seed) {
    this.app = app;
    this.settings = settings;
    this.seed = seed;
    this.start = settings.start() != null ? settings.start() : defaultStart(seed, settings.resolution());
    this.dt = settings.resolution().toSeconds();
    this.graph = new CallGraph(app);
    this.topology = app.topology();
    this.layout = new Layout(graph, seed);
    this.workload = new Workload(app, seed);
    this.physics = new Physics(graph, dt);
    this.lifecycle = new Lifecycle(graph, dt);
    this.actions = new ActionEffects(graph, lifecycle, layout);
    this.metrics = new MetricEmitter(graph, seed);
    this.logs = new LogEmitter(graph, seed, dt, settings.logVolume());
    this.traces = new TraceEmitter(graph, seed, dt, settings.traceSampleRate());
    this.state = layout.initial();
  }

  private SimulationImpl(SimulationImpl origin) {
    this.app = origin.app;
    this.settings = origin.settings;
    this.seed = origin.seed;
    this.start = origin.start;
    this.dt = origin.dt;
    this.graph = origin.graph;
    this.topology = origin.topology;
    this.layout = origin.layout;
    this.workload = origin.workload;
    this.physics = origin.physics;
    this.lifecycle = origin.lifecycle;
    this.actions = origin.actions;
    this.metrics = origin.metrics;
    this.logs = origin.logs;
    this.traces = origin.traces;
    this.state = origin.state.copy();
  }

  /** 2026-11-01T00:00Z plus a seed-dependent number of whole ticks within the first day. */
  static Instant defaultStart(long seed, Duration resolution) {
    long steps = 86_400 / resolution.toSeconds();
    return SimSettings.DEFAULT_EPOCH.plus(resolution.multipliedBy(Math.floorMod(Seeds.mix(seed, 0, Seeds.LAYOUT), steps)));
  }

  @Override
  public AppModel app() {
    return app;
  }

  @Override
  public SimSettings settings() {
    return settings;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Instant start() {
    return start;
  }

  @Override
  public Instant now() {
    return tickTime(state.tick);
  }

  private Instant tickTime(long tick) {
    return start.plusSeconds((long) (tick * dt));
  }

  @Override
  public Topology topology() {
    return topology;
  }

  @Override
  public InstantSource clock() {
    return this::now;
  }

  @Override
  public void advance(Duration duration, TelemetrySink sink) {
    if (duration == null || duration.isNegative() || duration.toMillis() % settings.resolution().toMillis() != 0) {
      throw new IllegalArgumentException("duration must be a non-negative multiple of the resolution "
          + settings.resolution() + " but was " + duration);
    }
    long ticks = duration.toMillis() / settings.resolution().toMillis();
    Buffers out = sink == null ? null : new Buffers();
    for (long t = 0; t < ticks; t++) {
      tick(out);
      if (out != null && (out.ticks >= TICKS_PER_BATCH || t == ticks - 1)) {
        sink.append(out.batch());
        out = new Buffers();
      }
    }
  }

  private void tick(Buffers out) {
    Instant now = tickTime(state.tick);
    FaultInjector.activate(state, graph, now, lifecycle);
    Mods mods = Mods.of(state, graph, now);
    double[] rates = workload.rates(now, new SplittableRandom(Seeds.mix(seed, state.tick, Seeds.WORKLOAD)));
    Snapshot snap = physics.step(state, mods, rates, state.tick);
    lifecycle.after(state, mods, snap, now);
    state.last = snap;
    if (snap.allWithinSlo()) {
      state.healthySince = state.healthySince == null ? now : state.healthySince;
    } else {
      state.healthySince = null;
    }
    if (out != null) {
      metrics.emit(state, snap, now, out.metrics);
      out.logs.addAll(state.pendingEvents);
      logs.emit(state, mods, snap, now, out.logs);
      traces.emit(snap, now, out.spans, out.logs);
      out.changes.addAll(state.pendingChanges);
      out.ticks++;
    }
    state.pendingEvents.clear();
    state.pendingChanges.clear();
    state.tick++;
  }

  @Override
  public void inject(Fault fault) {
    FaultInjector.check(fault, graph);
    state.scheduled.add(fault);
  }

  @Override
  public void add(RedHerring herring) {
    if (!app.has(herring.service())) {
      throw new IllegalArgumentException("red herring names unknown service '" + herring.service() + "'");
    }
    state.herrings.add(herring);
  }

  @Override
  public List<Fault> faults() {
    List<Fault> all = new ArrayList<>(state.injected);
    all.addAll(state.scheduled);
    return List.copyOf(all);
  }

  @Override
  public List<ServiceHealth> health() {
    return state.last == null ? List.of() : state.last.health(graph);
  }

  @Override
  public boolean withinSlo() {
    return state.last == null || state.last.allWithinSlo();
  }

  @Override
  public Duration healthyFor() {
    return state.healthySince == null ? Duration.ZERO : Duration.between(state.healthySince, now());
  }

  @Override
  public boolean residualFault() {
    Instant now = now();
    for (Impairment imp : state.impairments) {
      if (!imp.benign() && !(imp.trigger() instanceof Trigger.Always) && Mods.active(imp, state, graph, now)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ActionResult execute(Action action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    return actions.apply(state, action, now());
  }

  @Override
  public DiagnosticCheck.Result diagnose(DiagnosticCheck check) {
    if (check == null) {
      throw new IllegalArgumentException("check must not be null");
    }
    return new Diagnostics(graph).run(state, Mods.of(state, graph, now()), check, now());
  }

  @Override
  public Simulation fork() {
    return new SimulationImpl(this);
  }

  /** Package-private view for fault fixes and tests. */
  SimState state() {
    return state;
  }

  CallGraph graph() {
    return graph;
  }

  /** Telemetry of the ticks since the last flush. */
  private static final class Buffers {
    final List<MetricPoint> metrics = new ArrayList<>();
    final List<LogRecord> logs = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    final List<ChangeEvent> changes = new ArrayList<>();
    int ticks;

    TelemetryBatch batch() {
      return new TelemetryBatch(metrics, logs, spans, changes);
    }
  }
}
