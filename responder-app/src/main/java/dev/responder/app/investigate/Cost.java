package dev.responder.app.investigate;

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

  public Cost withWallMs(long ms) {
    return new Cost(steps, toolCalls, inputTokens, outputTokens, usd, ms);
  }
}
