package dev.responder.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.responder.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Responder's configuration, loaded and validated as a whole before anything opens a port or a file.
 * Sources, later ones winning: built-in defaults, {@code responder.yaml} (or {@code --config FILE}),
 * environment variables ({@code RESPONDER_STORE}, ...), then command-line options.
 *
 * @param store telemetry store spec: a DuckDB file path, {@code :memory:}, or {@code clickhouse:http://host:8123/db}
 * @param stateFile the DuckDB file that keeps incidents, approvals and audit records; defaults to the store
 *     file when the store is DuckDB, else {@code responder-state.duckdb}
 */
public record ResponderConfig(String store, String stateFile, String host, int port, long otlpMaxBodyBytes,
                              Duration otlpMaxFutureSkew, Duration retentionMaxAge, Duration retentionInterval) {

  public static final String DEFAULT_STORE = "responder.duckdb";
  private static final Set<String> KNOWN_KEYS = Set.of("store", "state", "server", "otlp", "retention", "autonomy", "api", "metrics", "webhooks");

  public ResponderConfig {
    Objects.requireNonNull(store, "store");
    if (store.isBlank()) {
      throw new ConfigException("store must name a DuckDB file, :memory: or clickhouse:URL but was empty");
    }
    if (stateFile == null || stateFile.isBlank()) {
      stateFile = store.startsWith("clickhouse:") ? "responder-state.duckdb" : store;
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException("server.host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("server.port must be in 0..65535 but was " + port);
    }
    if (otlpMaxBodyBytes < 1024) {
      throw new ConfigException("otlp.max-body must be >= 1KiB but was " + otlpMaxBodyBytes + " bytes");
    }
    if (otlpMaxFutureSkew.isNegative()) {
      throw new ConfigException("otlp.max-future-skew must be >= 0 but was " + otlpMaxFutureSkew);
    }
    if (retentionMaxAge.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException("retention.max-age must be >= 1m but was " + retentionMaxAge);
    }
    if (retentionInterval.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ConfigException("retention.interval must be >= 10s but was " + retentionInterval);
    }
  }

  public static ResponderConfig defaults() {
    return new ResponderConfig(DEFAULT_STORE, null, "127.0.0.1", 4318, 16L * 1024 * 1024, Duration.ofMinutes(10),
        Duration.ofDays(7), Duration.ofHours(1));
  }

  /**
   * Loads {@code file} if given (it must exist), else {@code ./responder.yaml} if present, then applies
   * the environment.
   */
  public static ResponderConfig load(Path file, Map<String, String> env) {
    ResponderConfig config = defaults();
    Path candidate = file != null ? file : Path.of("responder.yaml");
    if (file != null && !Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    if (Files.isRegularFile(candidate)) {
      config = config.withYaml(candidate);
    }
    return config.withEnvironment(env);
  }

  ResponderConfig withYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + firstLine(e.getMessage()), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return this;
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + file + " must hold a mapping at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KNOWN_KEYS.contains(key)) {
        throw new ConfigException("config file " + file + " has unknown key '" + key + "'; known: " + String.join(", ", KNOWN_KEYS.stream().sorted().toList()));
      }
    }
    String where = " in " + file;
    return new ResponderConfig(
        text(root, "store", store),
        text(root, "state", stateFile.equals(store) ? null : stateFile),
        text(root.path("server"), "host", host),
        root.path("server").has("port") ? intValue(root.path("server").get("port"), "server.port" + where) : port,
        root.path("otlp").has("max-body") ? Units.bytes(root.path("otlp").get("max-body").asText(), "otlp.max-body" + where) : otlpMaxBodyBytes,
        root.path("otlp").has("max-future-skew") ? Units.duration(root.path("otlp").get("max-future-skew").asText(), "otlp.max-future-skew" + where) : otlpMaxFutureSkew,
        root.path("retention").has("max-age") ? Units.duration(root.path("retention").get("max-age").asText(), "retention.max-age" + where) : retentionMaxAge,
        root.path("retention").has("interval") ? Units.duration(root.path("retention").get("interval").asText(), "retention.interval" + where) : retentionInterval);
  }

  ResponderConfig withEnvironment(Map<String, String> env) {
    String newStore = env.getOrDefault("RESPONDER_STORE", store);
    String newState = env.getOrDefault("RESPONDER_STATE", stateFile.equals(store) ? null : stateFile);
    return new ResponderConfig(newStore, newState,
        env.getOrDefault("RESPONDER_HOST", host),
        env.containsKey("RESPONDER_PORT") ? parsePort(env.get("RESPONDER_PORT"), "RESPONDER_PORT") : port,
        env.containsKey("RESPONDER_OTLP_MAX_BODY") ? Units.bytes(env.get("RESPONDER_OTLP_MAX_BODY"), "RESPONDER_OTLP_MAX_BODY") : otlpMaxBodyBytes,
        otlpMaxFutureSkew,
        env.containsKey("RESPONDER_RETENTION") ? Units.duration(env.get("RESPONDER_RETENTION"), "RESPONDER_RETENTION") : retentionMaxAge,
        retentionInterval);
  }

  public ResponderConfig withStore(String newStore) {
    if (newStore == null) {
      return this;
    }
    return new ResponderConfig(newStore, stateFile.equals(store) ? null : stateFile, host, port, otlpMaxBodyBytes,
        otlpMaxFutureSkew, retentionMaxAge, retentionInterval);
  }

  public ResponderConfig withPort(Integer newPort) {
    if (newPort == null) {
      return this;
    }
    return new ResponderConfig(store, stateFile, host, newPort, otlpMaxBodyBytes, otlpMaxFutureSkew, retentionMaxAge, retentionInterval);
  }

  public ResponderConfig withHost(String newHost) {
    if (newHost == null) {
      return this;
    }
    return new ResponderConfig(store, stateFile, newHost, port, otlpMaxBodyBytes, otlpMaxFutureSkew, retentionMaxAge, retentionInterval);
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static int intValue(JsonNode node, String what) {
    if (!node.canConvertToInt()) {
      return parsePort(node.asText(), what);
    }
    return node.asInt();
  }

  private static int parsePort(String text, String what) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(what + " must be a port number in 0..65535 but was '" + text + "'", e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
