package dev.responder.sim;

import dev.responder.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A benign concurrent anomaly that a scenario adds so that diagnosis cannot just pick the loudest signal.
 * Red herrings never break an SLO and never count as a residual fault.
 */
public sealed interface RedHerring permits RedHerring.BatchJob, RedHerring.UnrelatedDeploy, RedHerring.LogBurst {
  ServiceId service();

  Instant start();

  /** A scheduled batch job that raises the service's CPU for a while (a nightly re-index, a report). */
  record BatchJob(ServiceId service, Instant start, Duration duration, String job) implements RedHerring {
    public BatchJob {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(job, "job");
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("batch job duration must be > 0 but was " + duration);
      }
    }
  }

  /** A deploy of a healthy new version, close in time to the real fault. */
  record UnrelatedDeploy(ServiceId service, Instant start, String version) implements RedHerring {
    public UnrelatedDeploy {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(version, "version");
    }
  }

  /** A burst of harmless warnings (a deprecation notice, a slow health check) from one service. */
  record LogBurst(ServiceId service, Instant start, Duration duration, String message) implements RedHerring {
    public LogBurst {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(message, "message");
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("log burst duration must be > 0 but was " + duration);
      }
    }
  }
}
