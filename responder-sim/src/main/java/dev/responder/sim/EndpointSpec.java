package dev.responder.sim;

import java.util.Objects;

/**
 * An entry point of the application and its call graph.
 *
 * @param weight this endpoint's share of the application's traffic (weights are normalised)
 * @param root the entry service's node; its children are the calls it makes
 */
public record EndpointSpec(String name, double weight, CallSpec root) {
  public EndpointSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    if (!(weight > 0)) {
      throw new IllegalArgumentException("endpoint weight must be > 0 but was " + weight + " for " + name);
    }
    if (root.async()) {
      throw new IllegalArgumentException("endpoint " + name + " cannot start with an asynchronous call");
    }
  }
}
