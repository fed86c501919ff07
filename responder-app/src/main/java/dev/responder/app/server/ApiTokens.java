package dev.responder.app.server;

import dev.responder.app.config.ConfigFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.app.config.EnvRefs;
import dev.responder.core.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
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

  /**
   * The {@code api.tokens} section of a configuration document, a list of {@code {token, role}} where the token is
   * usually a {@code ${ENV_NAME}} reference ({@link EnvRefs}) and the role {@code viewer} or {@code responder}.
   * No section means no tokens. Errors name the entry and never the token.
   */
  public static ApiTokens parse(String yaml, String source, Map<String, String> env) {
    JsonNode root = ConfigFile.parse(yaml, source);
    JsonNode api = root == null ? null : root.get("api");
    if (api == null || api.isNull()) {
      return none();
    }
    String where = " in " + source;
    if (!api.isObject()) {
      throw new ConfigException("api must be a mapping" + where);
    }
    api.fieldNames().forEachRemaining(k -> {
      if (!k.equals("tokens")) {
        throw new ConfigException("api has unknown key '" + k + "'" + where + "; known: [tokens]");
      }
    });
    JsonNode list = api.path("tokens");
    if (!list.isMissingNode() && !list.isArray()) {
      throw new ConfigException("api.tokens must be a list of {token, role}" + where);
    }
    Map<String, Role> tokens = new LinkedHashMap<>();
    int k = 0;
    for (JsonNode entry : list) {
      String what = "api.tokens[" + k++ + "]";
      if (!entry.isObject()) {
        throw new ConfigException(what + where + " must be a mapping with token and role");
      }
      entry.fieldNames().forEachRemaining(f -> {
        if (!f.equals("token") && !f.equals("role")) {
          throw new ConfigException(what + where + " has unknown key '" + f + "'; known: [role, token]");
        }
      });
      String token = EnvRefs.expand(entry.path("token").asText(""), env, what + ".token" + where);
      if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(what + ".token" + where + " must be non-blank without whitespace");
      }
      if (token.length() < 16) {
        throw new ConfigException(what + ".token" + where + " must be at least 16 characters long");
      }
      String roleText = entry.path("role").asText("");
      Role role;
      try {
        role = Role.valueOf(roleText.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(what + ".role" + where + " must be viewer or responder but was '" + roleText + "'", e);
      }
      if (tokens.put(token, role) != null) {
        throw new ConfigException(what + ".token" + where + " repeats an earlier token");
      }
    }
    return new ApiTokens(tokens);
  }

  /** Reads the {@code api.tokens} section of {@code file} if given (it must exist), else of ./responder.yaml if present. */
  public static ApiTokens load(Path file, Map<String, String> env) {
    return ConfigFile.read(file).map(t -> parse(t.yaml(), t.source(), env)).orElseGet(ApiTokens::none);
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
