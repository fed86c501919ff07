package dev.responder.core.query;

import java.util.Locale;

/**
 * How points in one time bucket combine. {@code RATE} is the per-second rate of the summed values (for delta
 * counts such as requests per interval); {@code INCREASE_RATE} is the per-second increase of a cumulative
 * counter, {@code (max - min) / bucket}.
 */
public enum Aggregation {
  AVG, MIN, MAX, SUM, COUNT, P50, P95, P99, RATE, INCREASE_RATE;

  public static Aggregation parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown aggregation '" + text + "'; known: avg, min, max, sum, count, p50, p95, p99, rate, increase_rate", e);
    }
  }

  /** The quantile for P50/P95/P99, else NaN. */
  public double quantile() {
    return switch (this) {
      case P50 -> 0.50;
      case P95 -> 0.95;
      case P99 -> 0.99;
      default -> Double.NaN;
    };
  }
}
