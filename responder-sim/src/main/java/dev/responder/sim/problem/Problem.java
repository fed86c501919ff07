package dev.responder.sim.problem;

import dev.responder.core.incident.FaultType;
import dev.responder.core.topology.ServiceId;
import java.util.Objects;

/**
 * One problem of the registry: an application, a fault (or none), its target, and the task. Ids read
 * {@code <fault>-<target>-<task>}, or {@code no_fault-<app>[-<herring>]-detection} for problems without a fault,
 * which check false positives.
 *
 * @param faultType null for a no-fault problem
 * @param target the fault's root-cause service; null for a no-fault problem
 * @param herring for no-fault problems, the benign anomaly added ({@code batch_job}, {@code unrelated_deploy},
 *     {@code log_burst}) or empty
 */
public record Problem(String id, String app, FaultType faultType, ServiceId target, Task task, String herring,
                      String description) {
  public Problem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(task, "task");
    herring = herring == null ? "" : herring;
    description = description == null ? "" : description;
    if ((faultType == null) != (target == null)) {
      throw new IllegalArgumentException("problem " + id + " needs both a fault type and a target, or neither");
    }
  }

  public boolean faulty() {
    return faultType != null;
  }
}
