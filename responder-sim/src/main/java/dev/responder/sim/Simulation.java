package dev.responder.sim;

import dev.responder.core.port.Environment;
import dev.responder.core.port.TelemetrySink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deterministic, seeded, in-process simulation of a microservice application: the {@link Environment} agents act
 * in. Time moves only through {@link #advance}; telemetry goes to the sink given there. The same model, settings,
 * seed, injections and actions give byte-identical telemetry. Not thread-safe: one caller drives a simulation;
 * {@link #fork} gives an independent copy for another.
 */
public interface Simulation extends Environment {

  /** A simulation at its start time, with nothing injected. */
  static Simulation create(AppModel app, SimSettings settings, long seed) {
    return new SimulationImpl(app, settings, seed);
  }

  AppModel app();

  SimSettings settings();

  long seed();

  /** The simulated start time (the settings' start, or the seed-dependent default). */
  Instant start();

  /** The current simulated time. */
  Instant now();

  /**
   * Runs the simulation for {@code duration} (a whole number of resolution steps), writing telemetry to the sink in
   * batches of whole ticks.
   *
   * @param sink where telemetry goes; null to discard it (and skip generating logs and traces: fast-forward)
   * @throws IllegalArgumentException when the duration is negative or not a multiple of the resolution
   */
  void advance(Duration duration, TelemetrySink sink);

  /** Fast-forwards without emitting telemetry. */
  default void advance(Duration duration) {
    advance(duration, null);
  }

  /**
   * Schedules a fault; it takes effect at the first tick at or after its start time (immediately if that has passed).
   *
   * @throws dev.responder.core.error.ConfigException when the fault does not fit its target (see {@link Faults})
   */
  void inject(Fault fault);

  /** Schedules a benign red herring. */
  void add(RedHerring herring);

  /** Faults injected or scheduled so far, in order: the ground truth. */
  List<Fault> faults();

  /** Every service's figures in the last tick; empty before the first tick. */
  List<ServiceHealth> health();

  /** Whether every service met its SLO in the last tick. */
  boolean withinSlo();

  /** How long every SLO has held without a break, up to now; zero while one is broken. */
  Duration healthyFor();

  /** Whether some injected fault is still in effect (a fixed fault, or a capacity fault, is not). */
  boolean residualFault();

  /**
   * The mitigation oracle: SLOs within bounds for at least {@code window} and no residual fault.
   */
  default boolean mitigated(Duration window) {
    return !healthyFor().minus(window).isNegative() && !residualFault();
  }

  /** An independent copy of the whole state: advancing or acting on it leaves this simulation untouched. */
  @Override
  Simulation fork();
}
