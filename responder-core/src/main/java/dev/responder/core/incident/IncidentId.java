package dev.responder.core.incident;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** An incident's id, such as {@code INC-7f3a9c}. */
public record IncidentId(String value) {
  public IncidentId {
    Objects.requireNonNull(value, "value");
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException("incident id must be 1-64 letters, digits, '.', '_' or '-' but was '" + value + "'");
    }
  }

  /** A fresh id from an injected random source, so that ids are reproducible under a seed. */
  public static IncidentId random(RandomGenerator random) {
    return new IncidentId("INC-%08x".formatted(random.nextInt() & 0x7fffffff));
  }

  @Override
  public String toString() {
    return value;
  }
}
