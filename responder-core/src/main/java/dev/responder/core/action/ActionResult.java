package dev.responder.core.action;

import java.time.Instant;
import java.util.Objects;

/** What happened when an action was executed. */
public record ActionResult(Action action, Instant at, boolean succeeded, String message) {
  public ActionResult {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(at, "at");
    message = message == null ? "" : message;
  }
}
