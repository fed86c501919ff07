package dev.responder.core.action;

import dev.responder.core.telemetry.Attributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the append-only audit log.
 *
 * @param seq position in the log, assigned by the log on append (0 before)
 * @param kind e.g. {@code proposal}, {@code policy}, {@code approval}, {@code execution}, {@code result}
 * @param incidentId the incident it belongs to, or empty
 */
public record AuditRecord(long seq, Instant ts, String actor, String kind, String incidentId, String summary,
                          Map<String, String> details) {
  public AuditRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    incidentId = incidentId == null ? "" : incidentId;
    summary = summary == null ? "" : summary;
    details = Attributes.copyOf(details);
  }
}
