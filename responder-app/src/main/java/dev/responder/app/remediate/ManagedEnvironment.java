package dev.responder.app.remediate;

import dev.responder.core.port.Environment;
import dev.responder.core.port.TelemetrySink;
import dev.responder.core.topology.ServiceId;
import dev.responder.sim.ServiceHealth;
import dev.responder.sim.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An environment whose time can pass and whose SLOs can be read: what sandboxing and verification need beyond the
 * {@link Environment} port. It exposes only what monitoring would show (which services break their SLO, for how
 * long all have held), never a fault's ground truth.
 */
public interface ManagedEnvironment {
  Environment environment();

  Instant now();

  /** Lets {@code duration} pass (the simulator fast-forwards; a live adapter would wait). */
  void await(Duration duration);

  /** Services outside their SLO now. */
  Set<ServiceId> breaching();

  /** How long every SLO has held; zero while one is broken. */
  Duration healthyFor();

  /** An independent copy for trying a plan in isolation. */
  ManagedEnvironment fork();

  /**
   * The simulator as a managed environment.
   *
   * @param sink where telemetry of the time that passes goes; null discards it
   */
  static ManagedEnvironment simulated(Simulation sim, TelemetrySink sink) {
    return new Simulated(sim, sink);
  }

  /** The simulator adapter; forks discard telemetry. */
  record Simulated(Simulation sim, TelemetrySink sink) implements ManagedEnvironment {
    @Override
    public Environment environment() {
      return sim;
    }

    @Override
    public Instant now() {
      return sim.now();
    }

    @Override
    public void await(Duration duration) {
      sim.advance(duration, sink);
    }

    @Override
    public Set<ServiceId> breaching() {
      Set<ServiceId> out = new TreeSet<>();
      for (ServiceHealth h : sim.health()) {
        if (!h.withinSlo()) {
          out.add(h.service());
        }
      }
      return out;
    }

    @Override
    public Duration healthyFor() {
      return sim.healthyFor();
    }

    @Override
    public ManagedEnvironment fork() {
      return new Simulated(sim.fork(), null);
    }
  }
}
