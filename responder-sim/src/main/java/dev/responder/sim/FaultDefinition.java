package dev.responder.sim;

import dev.responder.core.incident.FaultType;
import java.util.Objects;

/**
 * What a fault type is, for people and agents: its story, the signature it leaves in telemetry, the fix that works
 * and a plausible action that does not.
 *
 * @param targets which services it can be injected into
 */
public record FaultDefinition(FaultType type, String summary, String targets, String signature, String fix,
                              String notAFix) {
  public FaultDefinition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(notAFix, "notAFix");
  }
}
