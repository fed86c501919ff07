package dev.responder.app.remediate;

import dev.responder.core.action.Action;
import dev.responder.core.action.AuditRecord;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.port.AuditLog;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes one incident's remediation records to the append-only audit log, each with what justified it. */
final class AuditTrail {
  static final String PROPOSAL = "proposal";
  static final String SANDBOX = "sandbox";
  static final String POLICY = "policy";
  static final String APPROVAL = "approval";
  static final String PLAN = "plan_selected";
  static final String EXECUTION = "execution";
  static final String RESULT = "result";
  static final String VERIFICATION = "verification";
  static final String ROLLBACK = "rollback";
  static final String OUTCOME = "outcome";

  private final AuditLog log;
  private final InstantSource clock;
  private final String incident;

  AuditTrail(AuditLog log, InstantSource clock, IncidentId incident) {
    this.log = log;
    this.clock = clock;
    this.incident = incident.toString();
  }

  AuditRecord write(String actor, String kind, String summary, Map<String, String> details) {
    return log.append(new AuditRecord(0, clock.instant(), actor, kind, incident, summary, details));
  }

  List<AuditRecord> records() {
    return log.query(incident, null, null, 10_000);
  }

  static Map<String, String> evidence(Diagnosis d) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("diagnosis", d.faultType() + " at " + d.rootCause());
    m.put("confidence", Double.toString(d.confidence()));
    m.put("explanation", d.explanation());
    m.put("evidence", d.evidence().stream().map(Evidence::query).limit(10).collect(Collectors.joining(" | ")));
    return m;
  }

  static Map<String, String> action(Action a, Map<String, String> more) {
    Map<String, String> m = new LinkedHashMap<>(more);
    m.put("action", a.kind().name());
    m.put("target", a.target().name());
    a.params().forEach((k, v) -> m.put("param." + k, v));
    m.put("risk", a.risk().name());
    m.put("reversibility", a.reversibility().name());
    return m;
  }
}
