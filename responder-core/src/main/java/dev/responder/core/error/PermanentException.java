package dev.responder.core.error;

/** A failure that retrying will not fix: bad input, a missing table, a corrupt file. */
public final class PermanentException extends ResponderException {
  public PermanentException(String message) {
    super(message, null);
  }

  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
