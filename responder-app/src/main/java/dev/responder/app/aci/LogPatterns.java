package dev.responder.app.aci;

import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log templates of a window compared with a baseline: each template's count, the count the baseline predicts, a
 * Poisson z-score {@code (observed - expected) / sqrt(expected + 1)}, and whether it is new or spiking.
 *
 * <p>Design note: templates mask every token holding a digit (the first step of Drain, He et al. ICWS 2017); that
 * is enough to tell "the same message again" from "a message this service never printed", and it runs per line
 * without a tree. Expected counts scale the baseline count by the ratio of window to baseline length.
 */
public final class LogPatterns {
  private static final int MAX_KEY = 160;

  /** One template with its counts. */
  record Pattern(String template, Kind kind, long windowCount, long baselineCount, double expected, double score,
                 Severity level, Map<String, Long> byService, String sample) {
    /** The top service emitting it in the window. */
    String topService() {
      return byService.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
  }

  /** How a template's window count compares with its baseline. */
  enum Kind { NEW, SPIKING, STEADY, DROPPED }

  private LogPatterns() {}

  static List<Pattern> compare(List<LogRecord> baseline, List<LogRecord> window, TimeWindow baseWindow, TimeWindow win) {
    Map<String, long[]> base = new HashMap<>();
    for (LogRecord r : baseline) {
      base.computeIfAbsent(key(r.body()), k -> new long[1])[0]++;
    }
    Map<String, Acc> win2 = new TreeMap<>();
    for (LogRecord r : window) {
      win2.computeIfAbsent(key(r.body()), k -> new Acc(r)).add(r);
    }
    double ratio = (double) win.length().toMillis() / baseWindow.length().toMillis();
    List<Pattern> out = new ArrayList<>();
    win2.forEach((k, acc) -> {
      long b = base.containsKey(k) ? base.get(k)[0] : 0;
      double expected = b * ratio;
      double z = (acc.count - expected) / Math.sqrt(expected + 1);
      Kind kind = b == 0 ? Kind.NEW : z >= 3 && acc.count > 2 * expected ? Kind.SPIKING : Kind.STEADY;
      out.add(new Pattern(k, kind, acc.count, b, expected, z, acc.level, acc.byService, acc.sample));
    });
    base.forEach((k, b) -> {
      if (!win2.containsKey(k)) {
        double expected = b[0] * ratio;
        out.add(new Pattern(k, Kind.DROPPED, 0, b[0], expected, -expected / Math.sqrt(expected + 1), Severity.INFO,
            Map.of(), ""));
      }
    });
    out.sort(Comparator.comparing((Pattern p) -> p.kind() == Kind.NEW || p.kind() == Kind.SPIKING ? 0 : 1)
        .thenComparing(Comparator.comparingDouble(Pattern::score).reversed()).thenComparing(Pattern::template));
    return out;
  }

  /**
   * Masks tokens holding a digit, so lines differing only in numbers, ids and addresses share a template; at most
   * 160 characters. The detector keys new error templates the same way.
   */
  public static String key(String body) {
    StringBuilder out = new StringBuilder();
    for (String token : body.split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(token.chars().anyMatch(Character::isDigit) ? "<*>" : token);
      if (out.length() >= MAX_KEY) {
        break;
      }
    }
    return out.length() > MAX_KEY ? out.substring(0, MAX_KEY) : out.toString();
  }

  private static final class Acc {
    final Map<String, Long> byService = new TreeMap<>();
    final String sample;
    Severity level;
    long count;

    Acc(LogRecord first) {
      sample = first.body();
      level = first.level();
    }

    void add(LogRecord r) {
      count++;
      byService.merge(r.service().name(), 1L, Long::sum);
      if (r.level().compareTo(level) > 0) {
        level = r.level();
      }
    }
  }
}
