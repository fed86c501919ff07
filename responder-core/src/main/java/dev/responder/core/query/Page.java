package dev.responder.core.query;

import java.util.List;
import java.util.function.Function;

/**
 * A bounded query result: the rows returned and how many more matched but were left out by the row limit,
 * so that neither a person nor a model mistakes a truncated answer for a complete one.
 */
public record Page<T>(List<T> rows, long omitted) {
  public Page {
    rows = List.copyOf(rows);
    if (omitted < 0) {
      throw new IllegalArgumentException("omitted must be >= 0 but was " + omitted);
    }
  }

  public static <T> Page<T> complete(List<T> rows) {
    return new Page<>(rows, 0);
  }

  public boolean truncated() {
    return omitted > 0;
  }

  public long total() {
    return rows.size() + omitted;
  }

  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(rows.stream().<R>map(f).toList(), omitted);
  }
}
