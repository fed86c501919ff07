package dev.responder.agent.loop;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * US-dollar prices per million input and output tokens, by model name. A model matches its exact entry or else
 * the longest entry that prefixes it ({@code claude-sonnet-4-5-20250929} uses {@code claude-sonnet-4-5}).
 * Unknown models cost 0 and are flagged ({@link Cost#known()} is false), so a cost budget never silently passes
 * for a model whose price nobody entered.
 *
 * <p>The defaults are public list prices for standard (non-batch, non-cached) tokens at the time of writing;
 * prices change, so deployments should override them with {@link #with(String, double, double)}.
 */
public final class PriceTable {

  /** USD per million tokens. */
  public record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
      if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
        throw new IllegalArgumentException("prices must be >= 0 but were input=" + inputPerMillion
            + ", output=" + outputPerMillion);
      }
    }
  }

  /** The cost of some tokens; {@code known} is false when the model has no price (then {@code usd} is 0). */
  public record Cost(double usd, boolean known) {}

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** A table with exactly these prices. */
  public static PriceTable of(Map<String, Price> prices) {
    return new PriceTable(prices);
  }

  /** An empty table: every model is unknown. */
  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /** List prices of a few well-known hosted models (see the class comment). */
  public static PriceTable defaults() {
    Map<String, Price> p = new LinkedHashMap<>();
    p.put("claude-opus-4-5", new Price(5, 25));
    p.put("claude-opus-4-1", new Price(15, 75));
    p.put("claude-opus-4", new Price(15, 75));
    p.put("claude-sonnet-4-5", new Price(3, 15));
    p.put("claude-sonnet-4", new Price(3, 15));
    p.put("claude-3-7-sonnet", new Price(3, 15));
    p.put("claude-haiku-4-5", new Price(1, 5));
    p.put("claude-3-5-haiku", new Price(0.8, 4));
    p.put("gpt-5", new Price(1.25, 10));
    p.put("gpt-5-mini", new Price(0.25, 2));
    p.put("gpt-5-nano", new Price(0.05, 0.4));
    p.put("gpt-4.1", new Price(2, 8));
    p.put("gpt-4.1-mini", new Price(0.4, 1.6));
    p.put("gpt-4.1-nano", new Price(0.1, 0.4));
    p.put("gpt-4o", new Price(2.5, 10));
    p.put("gpt-4o-mini", new Price(0.15, 0.6));
    return new PriceTable(p);
  }

  /** This table plus (or with a replaced) price for {@code model}. */
  public PriceTable with(String model, double inputPerMillion, double outputPerMillion) {
    Map<String, Price> p = new LinkedHashMap<>(prices);
    p.put(Objects.requireNonNull(model, "model"), new Price(inputPerMillion, outputPerMillion));
    return new PriceTable(p);
  }

  /** The price of {@code model}: its exact entry, else the longest prefix entry. */
  public Optional<Price> price(String model) {
    if (model == null) {
      return Optional.empty();
    }
    Price exact = prices.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    return prices.entrySet().stream()
        .filter(e -> model.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue);
  }

  /** What {@code inputTokens} and {@code outputTokens} of {@code model} cost. */
  public Cost cost(String model, long inputTokens, long outputTokens) {
    return price(model)
        .map(p -> new Cost((inputTokens * p.inputPerMillion() + outputTokens * p.outputPerMillion()) / 1_000_000.0, true))
        .orElse(new Cost(0, false));
  }
}
