package dev.responder.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.responder.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration document that each section loader (autonomy, api, webhooks, metrics) reads: {@code --config FILE}
 * when given (it must exist), else {@code ./responder.yaml} when present, else none (every section's defaults).
 */
public final class ConfigFile {
  /** The document's text and where it came from, for error messages. */
  public record Text(String yaml, String source) {}

  private ConfigFile() {}

  /** The document, or empty when no file is named and there is no {@code ./responder.yaml}. */
  public static Optional<Text> read(Path file) {
    Path candidate = file != null ? file : Path.of("responder.yaml");
    if (file != null && !Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    if (!Files.isRegularFile(candidate)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Text(Files.readString(candidate), candidate.toString()));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + candidate + ": " + e.getMessage(), e);
    }
  }

  /**
   * The document's tree (null when empty); a key given twice in one mapping is an error. Errors name the source and
   * the position but never quote the text, which may hold secrets.
   */
  public static JsonNode parse(String yaml, String source) {
    try {
      return new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new ConfigException("cannot parse " + source + where + ": "
          + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), e);
    }
  }
}
