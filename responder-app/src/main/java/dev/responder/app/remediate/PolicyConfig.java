package dev.responder.app.remediate;

import dev.responder.app.config.ConfigFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.AutonomyLevel;
import dev.responder.core.error.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads the {@code autonomy:} section of {@code responder.yaml} into a {@link Policy}, strictly: unknown keys,
 * unknown action classes or levels and bad limits fail at load time with the bad value in the message.
 * See docs/remediation.md for the format.
 *
 * @param environment the environment this instance acts in ({@code autonomy.environment}, default {@code prod})
 */
public record PolicyConfig(Policy policy, String environment) {
  private static final Set<String> KEYS = Set.of("environment", "default", "actions", "environments", "limits", "freeze");

  /** The policy without configuration: {@link Policy#defaults()} in {@code prod}. */
  public static PolicyConfig defaults() {
    return new PolicyConfig(Policy.defaults(), "prod");
  }

  /** Reads {@code file} if given (it must exist), else {@code ./responder.yaml} if present, else the defaults. */
  public static PolicyConfig load(Path file) {
    return ConfigFile.read(file).map(t -> parse(t.yaml(), t.source())).orElseGet(PolicyConfig::defaults);
  }

  /** Parses the {@code autonomy:} section of a whole configuration document; other sections are ignored. */
  public static PolicyConfig parse(String yaml, String source) {
    JsonNode root = ConfigFile.parse(yaml, source);
    JsonNode a = root == null ? null : root.get("autonomy");
    if (a == null || a.isNull()) {
      return defaults();
    }
    String where = " in " + source;
    if (!a.isObject()) {
      throw new ConfigException("autonomy must be a mapping" + where);
    }
    a.fieldNames().forEachRemaining(k -> {
      if (!KEYS.contains(k)) {
        throw new ConfigException("autonomy has unknown key '" + k + "'" + where + "; known: " + KEYS.stream().sorted().toList());
      }
    });
    AutonomyLevel def = a.has("default") ? level(a.get("default").asText(), "autonomy.default" + where) : AutonomyLevel.SUPERVISED;
    Map<String, Policy.EnvironmentPolicy> envs = new LinkedHashMap<>();
    a.path("environments").properties().forEach(e -> {
      String name = "autonomy.environments." + e.getKey();
      AutonomyLevel d = e.getValue().has("default") ? level(e.getValue().get("default").asText(), name + ".default" + where) : null;
      envs.put(e.getKey(), new Policy.EnvironmentPolicy(d, actions(e.getValue().path("actions"), name + ".actions", where)));
    });
    JsonNode lim = a.path("limits");
    Policy.Limits limits = new Policy.Limits(
        lim.has("max-actions-per-incident") ? positive(lim.get("max-actions-per-incident"), "autonomy.limits.max-actions-per-incident" + where) : 5,
        lim.has("max-instances-at-once") ? positive(lim.get("max-instances-at-once"), "autonomy.limits.max-instances-at-once" + where) : 10);
    List<Policy.Freeze> freezes = new ArrayList<>();
    for (JsonNode f : a.path("freeze")) {
      freezes.add(new Policy.Freeze(instant(f.path("from").asText(), "autonomy.freeze.from" + where),
          instant(f.path("to").asText(), "autonomy.freeze.to" + where), f.path("reason").asText("")));
    }
    String env = a.path("environment").asText("prod");
    Policy policy = new Policy(def, actions(a.path("actions"), "autonomy.actions", where), envs, limits, freezes,
        AutonomyLevel.AUTONOMOUS);
    return new PolicyConfig(policy, env);
  }

  private static Map<ActionKind, AutonomyLevel> actions(JsonNode node, String name, String where) {
    Map<ActionKind, AutonomyLevel> out = new EnumMap<>(ActionKind.class);
    node.properties().forEach(e -> {
      ActionKind kind;
      try {
        kind = ActionKind.valueOf(e.getKey().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(name + " has unknown action class '" + e.getKey() + "'" + where + "; known: "
            + Arrays.stream(ActionKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(), ex);
      }
      out.put(kind, level(e.getValue().asText(), name + "." + e.getKey() + where));
    });
    return out;
  }

  /** Parses {@code observe|recommend|supervised|autonomous}, naming {@code what} and the value when it is neither. */
  public static AutonomyLevel level(String text, String what) {
    try {
      return AutonomyLevel.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(what + " must be observe, recommend, supervised or autonomous but was '" + text + "'", e);
    }
  }

  private static int positive(JsonNode v, String what) {
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new ConfigException(what + " must be a whole number >= 1 but was '" + v.asText() + "'");
    }
    return v.asInt();
  }

  private static Instant instant(String text, String what) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ConfigException(what + " must be an ISO-8601 instant such as 2026-12-20T00:00:00Z but was '" + text + "'", e);
    }
  }
}
