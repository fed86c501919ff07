package dev.responder.core.error;

/** Invalid configuration, found at start-up before any port is opened; the message names the bad value. */
public final class ConfigException extends ResponderException {
  public ConfigException(String message) {
    super(message, null);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
