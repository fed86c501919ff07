package dev.responder.core.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of time {@code [from, to)}. */
public record TimeWindow(Instant from, Instant to) {
  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("window end must be after its start but was " + from + " .. " + to);
    }
  }

  public static TimeWindow of(Instant from, Instant to) {
    return new TimeWindow(from, to);
  }

  /** The {@code length} of time that ends at {@code end}. */
  public static TimeWindow ending(Instant end, Duration length) {
    return new TimeWindow(end.minus(length), end);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  public long fromMillis() {
    return from.toEpochMilli();
  }

  public long toMillis() {
    return to.toEpochMilli();
  }
}
