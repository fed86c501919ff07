package dev.responder.app.otlp;

import java.time.Duration;
import java.time.Instant;

/**
 * The timestamp checks of one request, with the clock read once: a timestamp is accepted when it is set and
 * not more than the allowed skew ahead of the receive time.
 *
 * @param receivedNanos when the request arrived, in Unix nanoseconds
 * @param latestNanos the latest acceptable timestamp
 */
record TimeRules(long receivedNanos, long latestNanos, Duration skew) {

  static TimeRules at(Instant now, Duration skew) {
    long received = nanos(now);
    long latest = skew.compareTo(Duration.ofNanos(Long.MAX_VALUE - received)) >= 0
        ? Long.MAX_VALUE
        : received + skew.toNanos();
    return new TimeRules(received, latest, skew);
  }

  /** Whether {@code nanos} (an unsigned OTLP fixed64) is set and not too far ahead. */
  boolean accepts(long nanos) {
    // Above Long.MAX_VALUE the unsigned value is negative as a long: the year 2262 or later, so "future".
    return nanos > 0 && nanos <= latestNanos;
  }

  /** The rejection for a timestamp {@link #accepts} refused; {@code what} names the item and field. */
  Rejection reject(long nanos, String what) {
    if (nanos == 0) {
      return new Rejection(RejectReason.ZERO_TIMESTAMP, what + " is 0; a timestamp is required");
    }
    String when = nanos > 0 ? " (" + instant(nanos) + ")" : "";
    return new Rejection(RejectReason.FUTURE_TIMESTAMP, what + " is " + Long.toUnsignedString(nanos) + when
        + ", more than " + skew + " after the receiver's clock (" + instant(receivedNanos) + ")");
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }
}
