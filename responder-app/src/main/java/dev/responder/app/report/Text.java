package dev.responder.app.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and formatting shared by the Markdown, HTML and SVG renderers. */
final class Text {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private Text() {}

  /** Escapes for XML text and attribute values (HTML and SVG alike). */
  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /** Escapes Markdown table cells and inline text: pipes, and line breaks folded to spaces. */
  static String md(String s) {
    return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  static String shortTime(Instant t) {
    return SHORT.format(t);
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? "%dh %02dm".formatted(s / 3600, s / 60 % 60)
        : s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.4f", v);
  }

  /** A coordinate with one decimal, locale-independent. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
