package dev.responder.sim;

import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A fault to inject, which is also its ground truth: the root-cause service, the fault type and the start time.
 *
 * @param peer the second service of a fault between two services (network faults, config errors, retry storms),
 *     or null
 * @param intensity 0 (mild) to 1 (severe); scales the fault's effect
 */
public record Fault(FaultType type, ServiceId target, ServiceId peer, Instant start, double intensity) {
  public Fault {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(start, "start");
    if (!(intensity >= 0 && intensity <= 1)) {
      throw new IllegalArgumentException("fault intensity must be in [0, 1] but was " + intensity);
    }
    if (target.equals(peer)) {
      throw new IllegalArgumentException("fault peer must differ from its target but both were " + target);
    }
  }

  public String describe() {
    return type + " on " + target + (peer == null ? "" : " (peer " + peer + ")") + " from " + start;
  }
}
