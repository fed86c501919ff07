package dev.responder.core.port;

import dev.responder.core.telemetry.Attributes;
import dev.responder.core.topology.ServiceId;
import java.util.Map;
import java.util.Objects;

/**
 * An environment check that an agent may run: a connection test, a DNS lookup, disk usage, a thread dump,
 * a TLS certificate check, a process list.
 */
public record DiagnosticCheck(Kind kind, ServiceId target, Map<String, String> params) {
  /** The checks an environment can answer. */
  public enum Kind { CONNECTION_TEST, DNS_LOOKUP, DISK_USAGE, THREAD_DUMP, TLS_CERTIFICATE, PROCESS_LIST }

  public DiagnosticCheck {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    params = Attributes.copyOf(params);
  }

  /** The check's answer: whether it found a problem, and what it saw. */
  public record Result(DiagnosticCheck check, boolean healthy, String output) {
    public Result {
      Objects.requireNonNull(check, "check");
      output = output == null ? "" : output;
    }
  }
}
