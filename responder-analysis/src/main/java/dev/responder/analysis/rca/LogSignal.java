package dev.responder.analysis.rca;

import dev.responder.core.incident.FaultType;
import dev.responder.core.query.TimeWindow;
import dev.responder.core.telemetry.LogRecord;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log evidence per service: the error-level rate and templates that are new or spiking, each as a Poisson z-score
 * of the window count against the count the baseline rate predicts.
 *
 * <p>Design note: templates are keyed by masking variable tokens (any token holding a digit: numbers, ids, addresses, times), the first
 * step of Drain (He et al., ICWS 2017) without its tree; this is enough to tell "the same message again" from "a
 * message this service never printed", which is what log-based RCA such as Nezha (Yu et al., FSE 2023) relies on.
 * Expected counts are the baseline's share of all lines times the window's line count, so partial log coverage
 * of either window does not look like a spike. A z-score {@code (observed - expected) / sqrt(expected + 1)} keeps a first occurrence of a template printed
 * once from outweighing an error rate that rose by hundreds. Without any baseline logs at all, novelty cannot be
 * judged and only the error-level rate counts.
 */
final class LogSignal {
  private static final int MAX_KEY = 120;

  private LogSignal() {}

  /** Masks every whitespace-separated token holding a digit; one pass, no regular expressions (it runs per line). */
  static String templateKey(String body) {
    StringBuilder out = new StringBuilder(Math.min(body.length(), MAX_KEY));
    int i = 0;
    int n = body.length();
    while (i < n && out.length() < MAX_KEY) {
      while (i < n && Character.isWhitespace(body.charAt(i))) {
        i++;
      }
      int start = i;
      boolean digit = false;
      while (i < n && !Character.isWhitespace(body.charAt(i))) {
        digit |= Character.isDigit(body.charAt(i));
        i++;
      }
      if (i > start) {
        if (!out.isEmpty()) {
          out.append(' ');
        }
        if (digit) {
          out.append("<*>");
        } else {
          out.append(body, start, i);
        }
      }
    }
    return out.length() > MAX_KEY ? out.substring(0, MAX_KEY) : out.toString();
  }

  static Map<ServiceId, Finding> score(IncidentData data) {
    TimeWindow base = data.eventBaseline();
    TimeWindow win = data.window();
    Map<ServiceId, Counts> baseCounts = new TreeMap<>();
    Map<ServiceId, Counts> winCounts = new TreeMap<>();
    long baseTotal = 0;
    for (LogRecord r : data.logs()) {
      if (base.contains(r.ts())) {
        baseCounts.computeIfAbsent(r.service(), k -> new Counts()).add(r);
        baseTotal++;
      } else if (win.contains(r.ts())) {
        winCounts.computeIfAbsent(r.service(), k -> new Counts()).add(r);
      }
    }
    long winTotal = winCounts.values().stream().mapToLong(c -> c.total).sum();
    Map<ServiceId, Finding> out = new HashMap<>();
    boolean judgeNovelty = baseTotal > 0;
    // Expected counts scale by total log volume, not by window length: log collection often covers only part of
    // a window, and a share of all lines is unaffected by that.
    double ratio = judgeNovelty ? (double) winTotal / baseTotal
        : (double) win.length().toMillis() / base.length().toMillis();
    winCounts.forEach((service, w) -> {
      Counts b = baseCounts.getOrDefault(service, new Counts());
      Finding best = errorFinding(b, w, ratio);
      if (judgeNovelty) {
        best = Finding.stronger(best, templateFinding(b, w, ratio));
      }
      if (best != null) {
        out.put(service, best);
      }
    });
    return out;
  }

  private static Finding errorFinding(Counts b, Counts w, double ratio) {
    double expected = b.errors * ratio;
    double z = (w.errors - expected) / Math.sqrt(expected + 1);
    if (z <= 0) {
      return null;
    }
    return new Finding(z, String.format(Locale.ROOT, "log errors: %d in window, %.1f expected from baseline (z %.1f)",
        w.errors, expected, z), FaultType.UNKNOWN);
  }

  private static Finding templateFinding(Counts b, Counts w, double ratio) {
    Finding best = null;
    for (Map.Entry<String, int[]> e : w.templates.entrySet()) {
      int[] baseCount = b.templates.get(e.getKey());
      double expected = baseCount == null ? 0 : baseCount[0] * ratio;
      int observed = e.getValue()[0];
      double z = (observed - expected) / Math.sqrt(expected + 1);
      if (z > 0 && (best == null || z > best.strength())) {
        String what = baseCount == null ? "new log template" : "spiking log template";
        best = new Finding(z, String.format(Locale.ROOT, "%s x%d (%.1f expected, z %.1f): %s", what, observed,
            expected, z, e.getKey()), FaultType.UNKNOWN);
      }
    }
    return best;
  }

  private static final class Counts {
    final Map<String, int[]> templates = new TreeMap<>();
    long errors;
    long total;

    void add(LogRecord r) {
      total++;
      if (r.level().atLeast(Severity.ERROR) || r.body().toLowerCase(Locale.ROOT).contains("exception")) {
        errors++;
      }
      templates.computeIfAbsent(templateKey(r.body()), k -> new int[1])[0]++;
    }
  }
}
