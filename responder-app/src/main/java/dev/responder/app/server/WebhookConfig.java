package dev.responder.app.server;

import dev.responder.app.config.ConfigFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.app.config.EnvRefs;
import dev.responder.app.config.Units;
import dev.responder.core.error.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code webhooks:} section of {@code responder.yaml}: where {@link WebhookNotifier} posts incident and
 * approval events. Loaded strictly: an unknown key, event or format, a URL that is not http(s), a bad timeout or
 * retry count, or a header referring to an unset environment variable fails at load time, naming the key, the
 * file and the bad value. Header values are secrets: {@code ${NAME}} in a value (or in a URL) is replaced by the
 * environment variable {@code NAME} ({@link EnvRefs}), and no error message or {@code toString} shows a header
 * value, a URL taken from the environment, or a URL's path and query (a Slack incoming-webhook URL is itself a
 * secret). See docs/alerts-and-webhooks.md.
 *
 * <pre>{@code
 * webhooks:
 *   - url: https://hooks.example.com/responder
 *     events: [incident.opened, incident.state_changed]
 *     headers: {Authorization: "Bearer ${HOOK_TOKEN}"}
 *   - url: ${SLACK_WEBHOOK_URL}
 *     format: slack
 *     timeout: 5s
 *     retries: 3
 * }</pre>
 */
public record WebhookConfig(List<Target> targets) {
  /** The event types a webhook may subscribe to. */
  public static final Set<String> EVENTS =
      Set.of("incident.opened", "incident.state_changed", "approval.requested", "approval.decided");
  /** The events a webhook gets when it lists none. */
  public static final Set<String> DEFAULT_EVENTS = Set.of("incident.opened", "incident.state_changed", "approval.requested");
  private static final Set<String> KEYS = Set.of("url", "events", "format", "headers", "timeout", "retries", "link");
  /** Set by the HTTP client or by the notifier itself. */
  private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "content-type", "user-agent", "x-responder-event", "x-responder-event-id");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  private static final int MAX_RETRIES = 10;

  /** How an event is written in the request body. */
  public enum Format {
    /** The event as {@link IncidentEvents.Event#toJson()} writes it. */
    JSON,
    /** {@code {"text": "..."}}, a one-line summary for a Slack incoming webhook (or Mattermost, Teams' Slack mode). */
    SLACK
  }

  /**
   * One webhook.
   *
   * @param headers extra request headers, values already taken from the environment; secrets, never printed
   * @param retries how many times a failed delivery (5xx, 429, I/O error) is retried, 0-10
   * @param link    the web UI's address as the receivers reach it (e.g. https://responder.example.com), so that
   *     messages link to the incident's page; null for no links
   */
  public record Target(URI url, Set<String> events, Format format, Map<String, String> headers, Duration timeout,
                       int retries, URI link) {
    public Target {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(timeout, "timeout");
      events = Set.copyOf(events);
      headers = Map.copyOf(headers);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0 but was " + retries);
      }
    }

    /** Whether this webhook wants events of {@code type}. */
    public boolean wants(String type) {
      return events.contains(type);
    }

    /** The URL without path, query or user info, safe to log. */
    public String redactedUrl() {
      return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/...";
    }

    /** Names the headers but shows none of their values, and the URL only up to its host. */
    @Override
    public String toString() {
      return "Target[url=" + redactedUrl() + ", events=" + new TreeSet<>(events) + ", format="
          + format.name().toLowerCase(Locale.ROOT) + ", headers=" + new TreeSet<>(headers.keySet())
          + ", timeout=" + timeout + ", retries=" + retries + (link == null ? "" : ", link=" + link) + "]";
    }
  }

  public WebhookConfig {
    targets = List.copyOf(targets);
  }

  /** No webhooks. */
  public static WebhookConfig none() {
    return new WebhookConfig(List.of());
  }

  /**
   * Reads {@code file} if given (it must exist), else {@code ./responder.yaml} if present, else no webhooks.
   *
   * @param env the environment, for {@code ${NAME}} references (usually {@code System.getenv()})
   */
  public static WebhookConfig load(Path file, Map<String, String> env) {
    return ConfigFile.read(file).map(t -> parse(t.yaml(), t.source(), env)).orElseGet(WebhookConfig::none);
  }

  /** Parses the {@code webhooks:} section of a whole configuration document; other sections are ignored. */
  public static WebhookConfig parse(String yaml, String source, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    JsonNode root = ConfigFile.parse(yaml, source);
    JsonNode section = root == null ? null : root.get("webhooks");
    if (section == null || section.isNull()) {
      return none();
    }
    if (!section.isArray()) {
      throw new ConfigException("webhooks in " + source + " must be a list of webhooks, each with a url, but was "
          + section.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < section.size(); i++) {
      targets.add(target(section.get(i), "webhooks[" + i + "]", " in " + source, env));
    }
    return new WebhookConfig(targets);
  }

  private static Target target(JsonNode node, String name, String where, Map<String, String> env) {
    if (!node.isObject()) {
      throw new ConfigException(name + where + " must be a mapping with a url but was '" + node.asText() + "'");
    }
    node.fieldNames().forEachRemaining(k -> {
      if (!KEYS.contains(k)) {
        throw new ConfigException(name + " has unknown key '" + k + "'" + where + "; known: " + KEYS.stream().sorted().toList());
      }
    });
    return new Target(url(node.get("url"), name + ".url", where, env), events(node.get("events"), name + ".events", where),
        format(node.get("format"), name + ".format", where), headers(node.get("headers"), name + ".headers", where, env),
        timeout(node.get("timeout"), name + ".timeout", where), retries(node.get("retries"), name + ".retries", where),
        node.hasNonNull("link") ? url(node.get("link"), name + ".link", where, env) : null);
  }

  private static URI url(JsonNode node, String name, String where, Map<String, String> env) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new ConfigException(name + " is required" + where + ", an http(s) URL such as https://hooks.example.com/responder, but was "
          + (node == null ? "missing" : "'" + node.asText() + "'"));
    }
    String raw = node.asText().trim();
    boolean fromEnv = raw.contains("${");
    String text = EnvRefs.expand(raw, env, name + where);
    // A URL from the environment may be a secret (Slack's are): name the reference, not the value.
    String shown = fromEnv ? "the value of " + raw : "'" + raw + "'";
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the value
    }
    throw new ConfigException(name + where + " must be an http(s) URL with a host, such as https://hooks.example.com/responder, but was " + shown);
  }

  private static Set<String> events(JsonNode node, String name, String where) {
    if (node == null || node.isNull()) {
      return DEFAULT_EVENTS;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new ConfigException(name + where + " must be a non-empty list of events but was '" + node + "'; known: "
          + EVENTS.stream().sorted().toList());
    }
    Set<String> events = new LinkedHashSet<>();
    for (JsonNode e : node) {
      if (!e.isTextual() || !EVENTS.contains(e.asText())) {
        throw new ConfigException(name + " has unknown event '" + e.asText() + "'" + where + "; known: "
            + EVENTS.stream().sorted().toList());
      }
      events.add(e.asText());
    }
    return events;
  }

  private static Format format(JsonNode node, String name, String where) {
    if (node == null || node.isNull()) {
      return Format.JSON;
    }
    return switch (node.asText().trim().toLowerCase(Locale.ROOT)) {
      case "json" -> Format.JSON;
      case "slack" -> Format.SLACK;
      default -> throw new ConfigException(name + where + " must be json or slack but was '" + node.asText() + "'");
    };
  }

  private static Map<String, String> headers(JsonNode node, String name, String where, Map<String, String> env) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ConfigException(name + where + " must be a mapping of header name to value");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String header = e.getKey();
      String what = name + "." + header;
      if (!HEADER_NAME.matcher(header).matches()) {
        throw new ConfigException(what + where + ": '" + header + "' is not a valid header name");
      }
      if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(what + where + ": header '" + header + "' is set by Responder or the HTTP client; reserved: "
            + RESERVED_HEADERS.stream().sorted().toList());
      }
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ConfigException(what + where + " must be a string (value not shown: header values are secrets)");
      }
      String value = EnvRefs.expand(e.getValue().asText(), env, what + where);
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new ConfigException(what + where + " must not contain line breaks (value not shown: header values are secrets)");
      }
      headers.put(header, value);
    }
    return headers;
  }

  private static Duration timeout(JsonNode node, String name, String where) {
    if (node == null || node.isNull()) {
      return Duration.ofSeconds(5);
    }
    Duration timeout = Units.duration(node.asText(), name + where);
    if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new ConfigException(name + where + " must be more than 0 and at most 5m but was '" + node.asText() + "'");
    }
    return timeout;
  }

  private static int retries(JsonNode node, String name, String where) {
    if (node == null || node.isNull()) {
      return 3;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0 || node.asInt() > MAX_RETRIES) {
      throw new ConfigException(name + where + " must be a whole number in 0.." + MAX_RETRIES + " but was '" + node.asText() + "'");
    }
    return node.asInt();
  }
}
