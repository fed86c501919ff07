package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
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

  public boolean verbose() {
    return verbose;
  }
}
