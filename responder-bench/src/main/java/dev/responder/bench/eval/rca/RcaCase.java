package dev.responder.bench.eval.rca;

import dev.responder.analysis.rca.IncidentData;
import dev.responder.core.topology.ServiceId;
import java.util.Objects;

/**
 * One labelled incident: the data a ranker sees and the truth it must not see.
 *
 * @param group     the sub-set the case belongs to (a system, a traffic scenario), for per-group figures
 * @param faultType the data set's own fault label, normalised to lower snake case
 */
public record RcaCase(String id, String group, ServiceId rootCause, String faultType, IncidentData data) {
  public RcaCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(rootCause, "rootCause");
    Objects.requireNonNull(faultType, "faultType");
    Objects.requireNonNull(data, "data");
  }
}
