package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
import dev.responder.core.error.ConfigException;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command accepts: where the config is, and whether to show stack traces. */
public final class GlobalOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./responder.yaml if present).")
  Path config;

  @Option(names = "--verbose", description = "Show stack traces and debug detail on errors.")
  boolean verbose;

  /** The whole configuration: defaults, file, environment; commands then apply their own options. */
  public ResponderConfig load() {
    return ResponderConfig.load(config, System.getenv());
  }

  /**
   * The state database (incidents, approvals, audit): {@code state} when given, else the configuration's state
   * file. It must exist: commands that read state never create an empty one by mistake.
   */
  DuckDbDatabase openState(Path state) {
    Path file = state != null ? state : Path.of(load().stateFile());
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("state file " + file + " does not exist; give --state FILE");
    }
    return Stores.openDuckDb(file);
  }

  public boolean verbose() {
    return verbose;
  }
}
