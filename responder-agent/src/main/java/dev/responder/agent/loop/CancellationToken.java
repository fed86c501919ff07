package dev.responder.agent.loop;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets another thread stop a running agent. The loop checks the token (and its thread's interrupt flag) before
 * every model call and every tool call, and abandons a model call in flight; it then ends with
 * {@link StopReason#CANCELLED}.
 */
public final class CancellationToken {
  private final AtomicReference<String> reason = new AtomicReference<>();

  private CancellationToken() {}

  /** A token that has not been cancelled. */
  public static CancellationToken create() {
    return new CancellationToken();
  }

  /** A token that is never cancelled by anyone holding it. */
  public static CancellationToken none() {
    return new CancellationToken();
  }

  /** Requests cancellation; the first reason wins. */
  public void cancel(String why) {
    reason.compareAndSet(null, why == null ? "cancelled" : why);
  }

  public boolean isCancelled() {
    return reason.get() != null;
  }

  /** The reason given to {@link #cancel(String)}, or {@code null}. */
  public String reason() {
    return reason.get();
  }
}
