package dev.responder.agent.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * Hard limits for one agent run. The loop checks them before every model call and stops with a
 * {@link StopReason} naming the limit rather than exceeding it: the output cap of each request is the output
 * tokens left, and a request is not sent when its estimated input (about three characters per token, deliberately
 * pessimistic) or its worst-case cost would go over the limit.
 *
 * @param maxSteps maximum model calls
 * @param maxInputTokens maximum input tokens over all calls
 * @param maxOutputTokens maximum output tokens over all calls
 * @param maxWall maximum wall time, measured on the loop's clock
 * @param maxUsd maximum cost in US dollars, priced with the loop's {@link PriceTable}
 */
public record Budget(int maxSteps, long maxInputTokens, long maxOutputTokens, Duration maxWall, double maxUsd) {
  public Budget {
    Objects.requireNonNull(maxWall, "maxWall");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1 but was " + maxSteps);
    }
    if (maxInputTokens < 1 || maxOutputTokens < 1) {
      throw new IllegalArgumentException("token budgets must be >= 1 but were input=" + maxInputTokens
          + ", output=" + maxOutputTokens);
    }
    if (maxWall.isNegative() || maxWall.isZero()) {
      throw new IllegalArgumentException("maxWall must be positive but was " + maxWall);
    }
    if (!(maxUsd >= 0) || Double.isInfinite(maxUsd)) {
      throw new IllegalArgumentException("maxUsd must be a finite number >= 0 but was " + maxUsd);
    }
  }

  /** A budget for one specialist: 12 steps, 200k input and 20k output tokens, 5 minutes, 1 USD. */
  public static Budget defaults() {
    return new Budget(12, 200_000, 20_000, Duration.ofMinutes(5), 1.0);
  }

  public Budget withMaxSteps(int steps) {
    return new Budget(steps, maxInputTokens, maxOutputTokens, maxWall, maxUsd);
  }

  public Budget withMaxInputTokens(long tokens) {
    return new Budget(maxSteps, tokens, maxOutputTokens, maxWall, maxUsd);
  }

  public Budget withMaxOutputTokens(long tokens) {
    return new Budget(maxSteps, maxInputTokens, tokens, maxWall, maxUsd);
  }

  public Budget withMaxWall(Duration wall) {
    return new Budget(maxSteps, maxInputTokens, maxOutputTokens, wall, maxUsd);
  }

  public Budget withMaxUsd(double usd) {
    return new Budget(maxSteps, maxInputTokens, maxOutputTokens, maxWall, usd);
  }
}
