package dev.responder.app.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Success metrics per UTC-aligned bucket over {@code [from, to)}, every bucket present, empty ones too, so that a
 * chart has a continuous x axis. The first bucket starts at or before {@code from} and the last ends at or after
 * {@code to}; only incidents inside the range count, so those two may be partial.
 */
public record Series(Bucket bucket, Instant from, Instant to, List<Point> points) {
  public Series {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    points = List.copyOf(points);
  }

  /**
   * The figures of one bucket, defined as in {@link Summary}, over the incidents opened in it.
   *
   * @param mttrSeconds mean time to mitigate, {@code null} when none was mitigated
   * @param ttdSeconds mean time to detect, {@code null} when none had an impact start
   * @param acceptanceRate as {@link Summary.Approvals#acceptanceRate()}, over these incidents' approvals
   * @param costUsd total, not per incident
   */
  public record Point(Instant start, int incidents, int mitigated, Double mttrSeconds, Double ttdSeconds,
                      Double acceptanceRate, double costUsd, double timeSavedSeconds, int falsePositives) {
    public Point {
      Objects.requireNonNull(start, "start");
    }
  }
}
