package dev.responder.app.investigate;

import dev.responder.core.incident.Incident;
import dev.responder.core.incident.TimelineEntry;
import java.util.Map;

/**
 * What an investigation or one specialist's part of it cost.
 *
 * @param steps reasoning steps (a heuristic strategy step or a model turn)
 * @param usd   model spend in US dollars; 0 for the heuristic reasoner
 */
public record Cost(int steps, int toolCalls, long inputTokens, long outputTokens, double usd, long wallMs) {
  public static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0);

  public Cost {
    if (steps < 0 || toolCalls < 0 || inputTokens < 0 || outputTokens < 0 || usd < 0 || wallMs < 0) {
      throw new IllegalArgumentException("cost parts must be >= 0 but were steps=" + steps + " calls=" + toolCalls
          + " in=" + inputTokens + " out=" + outputTokens + " usd=" + usd + " wall=" + wallMs);
    }
  }

  /** The sum of two costs; wall time is the larger, since specialists run in parallel. */
  public Cost plusParallel(Cost other) {
    return new Cost(steps + other.steps, toolCalls + other.toolCalls, inputTokens + other.inputTokens,
        outputTokens + other.outputTokens, usd + other.usd, Math.max(wallMs, other.wallMs));
  }

  /**
   * The sum of the {@code cost} entries on an incident's timeline (the coordinator records one per
   * investigation); attributes that are missing or unreadable count as 0.
   */
  public static Cost fromTimeline(Incident incident) {
    Cost sum = ZERO;
    for (TimelineEntry e : incident.timeline()) {
      if (e.kind().equals("cost")) {
        Map<String, String> a = e.attributes();
        sum = new Cost(sum.steps + (int) number(a.get("steps")), sum.toolCalls + (int) number(a.get("tool_calls")),
            sum.inputTokens + (long) number(a.get("input_tokens")), sum.outputTokens + (long) number(a.get("output_tokens")),
            sum.usd + number(a.get("usd")), sum.wallMs + (long) number(a.get("wall_ms")));
      }
    }
    return sum;
  }

  private static double number(String text) {
    if (text == null) {
      return 0;
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) && v > 0 ? v : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Cost withWallMs(long ms) {
    return new Cost(steps, toolCalls, inputTokens, outputTokens, usd, ms);
  }
}
