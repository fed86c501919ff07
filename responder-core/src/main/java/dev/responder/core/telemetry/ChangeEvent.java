package dev.responder.core.telemetry;

import dev.responder.core.topology.ServiceId;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operator or a system changed: the usual suspects of an incident. The store keeps the kind,
 * a one-line summary and the details as attributes, so every variant round-trips through {@link #of}.
 */
public sealed interface ChangeEvent
    permits ChangeEvent.Deploy, ChangeEvent.ConfigChange, ChangeEvent.FlagChange, ChangeEvent.Scale,
    ChangeEvent.Restart {

  Instant ts();

  ServiceId service();

  /** Who or what made the change (a user, a pipeline, an autoscaler, Responder itself). */
  String author();

  /** The kind of change, as stored. */
  enum Kind { DEPLOY, CONFIG, FLAG, SCALE, RESTART }

  default Kind kind() {
    return switch (this) {
      case Deploy d -> Kind.DEPLOY;
      case ConfigChange c -> Kind.CONFIG;
      case FlagChange f -> Kind.FLAG;
      case Scale s -> Kind.SCALE;
      case Restart r -> Kind.RESTART;
    };
  }

  /** A one-line description for people and models. */
  default String summary() {
    return switch (this) {
      case Deploy d -> "deploy " + d.service() + " " + d.fromVersion() + " -> " + d.toVersion();
      case ConfigChange c -> "config " + c.service() + " " + c.key() + ": " + c.oldValue() + " -> " + c.newValue();
      case FlagChange f -> "flag " + f.service() + " " + f.flag() + " " + (f.enabled() ? "on" : "off");
      case Scale s -> "scale " + s.service() + " " + s.fromReplicas() + " -> " + s.toReplicas() + " replicas";
      case Restart r -> "restart " + r.service() + (r.instance().isEmpty() ? "" : "/" + r.instance())
          + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")");
    };
  }

  /** The variant's fields as string attributes; {@link #of} reverses it. */
  default Map<String, String> details() {
    return switch (this) {
      case Deploy d -> Map.of("from_version", d.fromVersion(), "to_version", d.toVersion());
      case ConfigChange c -> Map.of("key", c.key(), "old_value", c.oldValue(), "new_value", c.newValue());
      case FlagChange f -> Map.of("flag", f.flag(), "enabled", Boolean.toString(f.enabled()));
      case Scale s -> Map.of("from_replicas", Integer.toString(s.fromReplicas()),
          "to_replicas", Integer.toString(s.toReplicas()));
      case Restart r -> Map.of("instance", r.instance(), "reason", r.reason());
    };
  }

  /** Rebuilds a change event from its stored form; missing details become empty strings or zero. */
  static ChangeEvent of(Instant ts, ServiceId service, Kind kind, String author, Map<String, String> details) {
    Map<String, String> d = details == null ? Map.of() : details;
    return switch (kind) {
      case DEPLOY -> new Deploy(ts, service, author, d.getOrDefault("from_version", ""), d.getOrDefault("to_version", ""));
      case CONFIG -> new ConfigChange(ts, service, author, d.getOrDefault("key", ""),
          d.getOrDefault("old_value", ""), d.getOrDefault("new_value", ""));
      case FLAG -> new FlagChange(ts, service, author, d.getOrDefault("flag", ""),
          Boolean.parseBoolean(d.getOrDefault("enabled", "false")));
      case SCALE -> new Scale(ts, service, author, parseInt(d.get("from_replicas")), parseInt(d.get("to_replicas")));
      case RESTART -> new Restart(ts, service, author, d.getOrDefault("instance", ""), d.getOrDefault("reason", ""));
    };
  }

  static Kind parseKind(String text) {
    try {
      return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown change kind '" + text + "'; known: deploy, config, flag, scale, restart", e);
    }
  }

  private static int parseInt(String s) {
    if (s == null || s.isBlank()) {
      return 0;
    }
    return Integer.parseInt(s.trim());
  }

  /** A new version of a service was rolled out. */
  record Deploy(Instant ts, ServiceId service, String author, String fromVersion, String toVersion) implements ChangeEvent {
    public Deploy {
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(service, "service");
      author = author == null ? "" : author;
      fromVersion = fromVersion == null ? "" : fromVersion;
      Objects.requireNonNull(toVersion, "toVersion");
    }
  }

  /** A configuration key changed value. */
  record ConfigChange(Instant ts, ServiceId service, String author, String key, String oldValue, String newValue)
      implements ChangeEvent {
    public ConfigChange {
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(service, "service");
      author = author == null ? "" : author;
      Objects.requireNonNull(key, "key");
      oldValue = oldValue == null ? "" : oldValue;
      newValue = newValue == null ? "" : newValue;
    }
  }

  /** A feature flag was switched. */
  record FlagChange(Instant ts, ServiceId service, String author, String flag, boolean enabled) implements ChangeEvent {
    public FlagChange {
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(service, "service");
      author = author == null ? "" : author;
      Objects.requireNonNull(flag, "flag");
    }
  }

  /** The replica count changed. */
  record Scale(Instant ts, ServiceId service, String author, int fromReplicas, int toReplicas) implements ChangeEvent {
    public Scale {
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(service, "service");
      author = author == null ? "" : author;
      if (fromReplicas < 0 || toReplicas < 0) {
        throw new IllegalArgumentException("replicas must be >= 0 but were " + fromReplicas + " -> " + toReplicas);
      }
    }
  }

  /** A service or one instance of it restarted; {@code instance} is empty for the whole service. */
  record Restart(Instant ts, ServiceId service, String author, String instance, String reason) implements ChangeEvent {
    public Restart {
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(service, "service");
      author = author == null ? "" : author;
      instance = instance == null ? "" : instance;
      reason = reason == null ? "" : reason;
    }
  }
}
