package dev.responder.agent.redact;

/**
 * Replaces secrets and personal data in text before it reaches a language model: API keys (OpenAI, Anthropic, AWS,
 * GitHub, Slack, Google), bearer tokens, JWTs, {@code password=}/{@code secret:}/{@code token=} style values,
 * private-key blocks, email addresses, card numbers that pass the Luhn check, and optionally IPv4/IPv6 addresses.
 *
 * <p>Replacements are stable placeholders such as {@code <redacted:email:1>}: within one redactor the same value
 * always gets the same placeholder, so a model can still correlate ("the same user appears in both logs") without
 * seeing the value. Create one redactor per agent run; it is thread-safe. Redacting already redacted text changes
 * nothing.
 */
public interface Redactor {

  /** The text with every secret and personal datum replaced by its placeholder. */
  String redact(String text);

  /** How many distinct values this redactor has replaced so far. */
  int distinctValues();

  /** A fresh redactor with its own placeholder numbering. */
  static Redactor create(Settings settings) {
    return new PatternRedactor(settings);
  }

  /** A fresh redactor with the default settings (IP addresses are kept). */
  static Redactor standard() {
    return create(Settings.DEFAULT);
  }

  /**
   * What to redact beyond the secrets and personal data that are always redacted.
   *
   * @param ipAddresses also redact IPv4 and IPv6 addresses; off by default because addresses are often the very
   *     evidence an investigation needs, and are personal data only in some deployments
   */
  record Settings(boolean ipAddresses) {
    /** Secrets and personal data; IP addresses are kept. */
    public static final Settings DEFAULT = new Settings(false);

    /** Secrets, personal data and IP addresses. */
    public static Settings withIpAddresses() {
      return new Settings(true);
    }
  }
}
