package dev.responder.sim;

import dev.responder.core.telemetry.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One active consequence of a fault (or of a red herring): effects on a service or one of its instances, while a
 * trigger holds, with the log lines it makes the service write.
 *
 * @param faultIndex the index of the injected fault it belongs to, or -1 for a red herring
 * @param service index of the impaired service in the model
 * @param instance the impaired instance's name, or empty for every instance in scope
 * @param sinceTick the tick at which it began (restarts after this tick end an {@link Trigger.UntilRestart})
 */
record Impairment(int faultIndex, int service, String instance, Trigger trigger, List<Effect> effects,
                  List<LogLine> logs, long sinceTick) {
  public Impairment {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(trigger, "trigger");
    effects = List.copyOf(effects);
    logs = List.copyOf(logs);
  }

  boolean benign() {
    return faultIndex < 0;
  }

  /**
   * A characteristic log line. {@code perError} lines are written in proportion to the instance's failed
   * requests ({@code rate} lines per error); the others at {@code rate} lines per second.
   */
  record LogLine(Severity level, String template, double rate, boolean perError,
                 dev.responder.core.topology.ServiceId at) {
    public LogLine {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(template, "template");
    }

    static LogLine perError(Severity level, String template, double rate) {
      return new LogLine(level, template, rate, true, null);
    }

    static LogLine perSecond(Severity level, String template, double rate) {
      return new LogLine(level, template, rate, false, null);
    }

    /** The same line, written by another service (the callers that see the failure). */
    LogLine at(dev.responder.core.topology.ServiceId service) {
      return new LogLine(level, template, rate, perError, service);
    }
  }
}
