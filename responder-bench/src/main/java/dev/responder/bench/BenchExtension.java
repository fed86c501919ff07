package dev.responder.bench;

import dev.responder.app.cli.CliExtension;
import picocli.CommandLine;

/** Adds {@code responder bench ...} and {@code responder eval ...} to the command line. */
public final class BenchExtension implements CliExtension {
  @Override
  public void register(CommandLine root) {
    root.addSubcommand("bench", new CommandLine(new BenchCommand()));
    root.addSubcommand("eval", new CommandLine(new EvalCommand()));
  }
}
