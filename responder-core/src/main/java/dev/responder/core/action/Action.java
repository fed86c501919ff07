package dev.responder.core.action;

import dev.responder.core.telemetry.Attributes;
import dev.responder.core.topology.ServiceId;
import java.util.Map;
import java.util.Objects;

/**
 * A remediation step on one target service, with parameters such as {@code replicas}, {@code version},
 * {@code key}/{@code value}, {@code instance}.
 */
public record Action(ActionKind kind, ServiceId target, Map<String, String> params, Risk risk,
                     Reversibility reversibility, String rationale) {
  public Action {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    params = Attributes.copyOf(params);
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(reversibility, "reversibility");
    rationale = rationale == null ? "" : rationale;
  }

  public String describe() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + target + (params.isEmpty() ? "" : " " + params);
  }
}
