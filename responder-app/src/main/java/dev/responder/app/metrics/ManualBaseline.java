package dev.responder.app.metrics;

import dev.responder.app.config.ConfigFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.responder.app.config.Units;
import dev.responder.core.error.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How long mitigating an incident takes without Responder, the yardstick for "time saved". Loaded from the
 * {@code metrics:} section of {@code responder.yaml}, strictly: unknown keys and durations that are unparsable or not
 * positive fail at load time, naming the key, the file and the value.
 * <pre>
 * metrics:
 *   manual-baseline:
 *     time-to-mitigate: 90m   # default 60m
 * </pre>
 *
 * @param timeToMitigate the manual MTTR, from impact start to mitigation
 */
public record ManualBaseline(Duration timeToMitigate) {
  /** The manual MTTR when none is configured. */
  public static final Duration DEFAULT_TIME_TO_MITIGATE = Duration.ofMinutes(60);
  private static final Set<String> METRICS_KEYS = Set.of("manual-baseline");
  private static final Set<String> BASELINE_KEYS = Set.of("time-to-mitigate");

  public ManualBaseline {
    Objects.requireNonNull(timeToMitigate, "timeToMitigate");
    if (timeToMitigate.isNegative() || timeToMitigate.isZero()) {
      throw new IllegalArgumentException("manual time to mitigate must be positive but was " + timeToMitigate);
    }
  }

  public static ManualBaseline defaults() {
    return new ManualBaseline(DEFAULT_TIME_TO_MITIGATE);
  }

  /** Reads {@code file} if given (it must exist), else {@code ./responder.yaml} if present, else the defaults. */
  public static ManualBaseline load(Path file) {
    return ConfigFile.read(file).map(t -> parse(t.yaml(), t.source())).orElseGet(ManualBaseline::defaults);
  }

  /** Parses the {@code metrics:} section of a whole configuration document; other sections are ignored. */
  public static ManualBaseline parse(String yaml, String source) {
    JsonNode root = ConfigFile.parse(yaml, source);
    String where = " in " + source;
    JsonNode metrics = section(root == null ? null : root.get("metrics"), "metrics", METRICS_KEYS, where);
    JsonNode baseline = section(metrics == null ? null : metrics.get("manual-baseline"), "metrics.manual-baseline",
        BASELINE_KEYS, where);
    JsonNode ttm = baseline == null ? null : baseline.get("time-to-mitigate");
    if (ttm == null) {
      return defaults();
    }
    String what = "metrics.manual-baseline.time-to-mitigate" + where;
    String text = ttm.isNull() ? "" : ttm.asText();
    Duration d = Units.duration(text, what);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(what + " must be a positive duration such as 90m but was '" + text + "'");
    }
    return new ManualBaseline(d);
  }

  /** The mapping at {@code node}, checked for unknown keys; {@code null} when absent or empty. */
  private static JsonNode section(JsonNode node, String name, Set<String> known, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new ConfigException(name + " must be a mapping" + where + " but was '" + node.asText() + "'");
    }
    node.fieldNames().forEachRemaining(k -> {
      if (!known.contains(k)) {
        throw new ConfigException(name + " has unknown key '" + k + "'" + where + "; known: " + known.stream().sorted().toList());
      }
    });
    return node;
  }
}
