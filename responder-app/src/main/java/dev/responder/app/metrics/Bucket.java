package dev.responder.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The width of one point of a metrics time series. Buckets are aligned in UTC: an hour starts on the hour, a day
 * at midnight, a week on Monday at midnight (ISO-8601 weeks). UTC has no daylight-saving jumps, so every bucket of
 * one kind has the same length.
 */
public enum Bucket {
  HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

  /** 1970-01-05, the first Monday after the epoch, as epoch seconds: where week buckets are counted from. */
  private static final long FIRST_MONDAY = Duration.ofDays(4).toSeconds();

  private final Duration length;

  Bucket(Duration length) {
    this.length = length;
  }

  public Duration length() {
    return length;
  }

  /** The start of the bucket that holds {@code t}. */
  public Instant floor(Instant t) {
    long size = length.toSeconds();
    long origin = this == WEEK ? FIRST_MONDAY : 0;
    long offset = Math.floorMod(t.getEpochSecond() - origin, size);
    return Instant.ofEpochSecond(t.getEpochSecond() - offset);
  }

  /** Parses {@code hour}, {@code day} or {@code week} in any case, naming the value and the known ones when it is neither. */
  public static Bucket parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (Bucket b : values()) {
      if (b.name().equals(t)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown bucket '" + text + "'; known: "
        + Arrays.stream(values()).map(Bucket::label).toList());
  }

  /** The lower-case name used in JSON and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
