package dev.responder.app.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bearer tokens accepted by the incident API and the role each grants. An empty map turns authentication off,
 * for local use: every caller is then treated as a {@link Role#RESPONDER}.
 *
 * @param tokens token to role; tokens must be non-blank and contain no whitespace
 */
public record ApiTokens(Map<String, Role> tokens) {
  /** What a token lets its holder do. */
  public enum Role {
    /** May read incidents, timelines and approvals. */
    VIEWER,
    /** May also decide approvals and give feedback. */
    RESPONDER
  }

  public ApiTokens {
    Objects.requireNonNull(tokens, "tokens");
    tokens.forEach((token, role) -> {
      if (token == null || token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("API token must be non-blank without whitespace but was '" + token + "'");
      }
      if (role == null) {
        throw new IllegalArgumentException("API token " + redact(token) + " has no role");
      }
    });
    tokens = Map.copyOf(tokens);
  }

  /** No tokens: authentication is off. */
  public static ApiTokens none() {
    return new ApiTokens(Map.of());
  }

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /**
   * The role the presented token grants, or empty when it is unknown. Compares in constant time per token so
   * that response timing does not reveal how much of a token matched.
   */
  public Optional<Role> roleOf(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    Role found = null;
    for (Map.Entry<String, Role> e : tokens.entrySet()) {
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Counts the tokens without revealing any. */
  @Override
  public String toString() {
    return "ApiTokens[" + tokens.size() + " tokens]";
  }

  private static String redact(String token) {
    return token.length() <= 4 ? "****" : token.substring(0, 2) + "****";
  }
}
