package dev.responder.core.signal;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;

/** Something that may indicate an incident: an alert from outside, or an anomaly Responder found itself. */
public sealed interface Signal permits Alert, Anomaly {
  Instant ts();

  ServiceId service();

  /** A stable key: signals with the same fingerprint belong to the same problem. */
  String fingerprint();
}
