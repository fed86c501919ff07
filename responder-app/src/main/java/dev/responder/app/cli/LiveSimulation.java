package dev.responder.app.cli;

import dev.responder.app.remediate.ManagedEnvironment;
import dev.responder.core.port.Environment;
import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The demo's simulated shop kept in step with the wall clock: before anything reads or changes it, the simulation
 * catches up with the time that really passed (so the fault keeps hurting while a person decides on an approval,
 * and the charts show it); when the remediator lets time pass to verify a fix, the simulation fast-forwards and
 * the run's clock jumps with it. One timeline for the telemetry, the investigation and the actions.
 */
final class LiveSimulation implements ManagedEnvironment {
  /** The simulation's resolution: it advances in whole steps of this. */
  private static final long STEP_SECONDS = 10;

  private final ManagedEnvironment sim;
  private final AnchoredClock clock;

  LiveSimulation(ManagedEnvironment sim, AnchoredClock clock) {
    this.sim = Objects.requireNonNull(sim, "sim");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private void catchUp() {
    long lag = Duration.between(sim.now(), clock.instant()).toSeconds() / STEP_SECONDS * STEP_SECONDS;
    if (lag > 0) {
      sim.await(Duration.ofSeconds(lag));
    }
  }

  @Override
  public Environment environment() {
    catchUp();
    return sim.environment();
  }

  @Override
  public Instant now() {
    catchUp();
    return sim.now();
  }

  @Override
  public void await(Duration duration) {
    catchUp();
    sim.await(duration);
    clock.anchor(sim.now());
  }

  @Override
  public Set<ServiceId> breaching() {
    catchUp();
    return sim.breaching();
  }

  @Override
  public Duration healthyFor() {
    catchUp();
    return sim.healthyFor();
  }

  @Override
  public ManagedEnvironment fork() {
    catchUp();
    return sim.fork();
  }
}
