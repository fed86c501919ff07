package dev.responder.app.config;

import dev.responder.core.error.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the human-friendly durations, sizes and times used in configuration and on the command line. */
public final class Units {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private Units() {}

  /** Parses {@code 10s}, {@code 15m}, {@code 1h30m}, {@code 7d}, {@code 2w} or ISO-8601 ({@code PT10M}). */
  public static Duration duration(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new ConfigException(what + " must be a duration such as 10s, 15m, 7d but was empty");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new ConfigException(what + " must be a duration such as 10s, 15m, 7d but was '" + text + "'", e);
      }
    }
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw new ConfigException(what + " must be a duration such as 10s, 15m, 7d but was '" + text + "'");
    }
    return total;
  }

  /** Parses a byte size: {@code 1048576}, {@code 512k}, {@code 16MiB}, {@code 1g} (powers of 1024). */
  public static long bytes(String text, String what) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new ConfigException(what + " must be a size such as 16MiB or 1048576 but was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit.charAt(0)) {
      case 'k' -> n * 1024;
      case 'm' -> n * 1024 * 1024;
      case 'g' -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  /**
   * Parses a point in time: ISO-8601 ({@code 2026-11-27T10:00:00Z}), epoch milliseconds, {@code now}, or a
   * time relative to {@code now} such as {@code -1h} or {@code now-15m}.
   */
  public static Instant instant(String text, Instant now, String what) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("now")) {
      return now;
    }
    if (t.startsWith("now-")) {
      return now.minus(duration(t.substring(4), what));
    }
    if (t.startsWith("-")) {
      return now.minus(duration(t.substring(1), what));
    }
    if (t.matches("\\d{10,16}")) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new ConfigException(what + " must be a time such as 2026-11-27T10:00:00Z, an epoch in ms, now or -1h but was '" + text + "'", e2);
      }
    }
  }
}
