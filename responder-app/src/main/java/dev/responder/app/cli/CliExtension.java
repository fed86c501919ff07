package dev.responder.app.cli;

import picocli.CommandLine;

/**
 * Lets other modules add top-level commands (for example {@code bench} and {@code eval}) without the
 * application depending on them. Implementations are found with {@link java.util.ServiceLoader}.
 */
public interface CliExtension {
  /** Adds this extension's subcommands to the root command. */
  void register(CommandLine root);
}
