package dev.responder.core.error;

/** A failure that may go away on retry: a server restarting, a timeout, a lock held elsewhere. */
public final class TransientException extends ResponderException {
  public TransientException(String message) {
    super(message, null);
  }

  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
