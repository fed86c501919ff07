package dev.responder.core.telemetry;

/** Log severity, following OpenTelemetry's severity number ranges (1-4 TRACE ... 21-24 FATAL). */
public enum Severity {
  TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

  /** Maps an OpenTelemetry severity number (1..24); 0 or out of range means unspecified, taken as INFO. */
  public static Severity fromOtelNumber(int number) {
    if (number <= 0 || number > 24) {
      return INFO;
    }
    return values()[(number - 1) / 4];
  }

  /** Parses a level name as logs commonly spell it ("warning", "err", "CRITICAL"); unknown names are INFO. */
  public static Severity parse(String text) {
    if (text == null) {
      return INFO;
    }
    return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "TRACE", "FINEST", "FINER" -> TRACE;
      case "DEBUG", "FINE" -> DEBUG;
      case "WARN", "WARNING" -> WARN;
      case "ERROR", "ERR", "SEVERE" -> ERROR;
      case "FATAL", "CRITICAL", "CRIT", "PANIC", "EMERGENCY", "ALERT" -> FATAL;
      default -> INFO;
    };
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
