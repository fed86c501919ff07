package dev.responder.core.error;

/**
 * Root of Responder's one exception family. Adapters translate library exceptions
 * ({@code SQLException}, {@code IOException}) into one of the three subclasses at the port boundary,
 * so callers decide on retry or failure by type, never by parsing messages.
 */
public abstract sealed class ResponderException extends RuntimeException
    permits TransientException, PermanentException, ConfigException {

  protected ResponderException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether repeating the same call later may succeed. */
  public abstract boolean retryable();
}
