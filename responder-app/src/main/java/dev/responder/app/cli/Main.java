package dev.responder.app.cli;

import dev.responder.core.error.ResponderException;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code responder} command line. */
@Command(name = "responder", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Responder: agents that investigate and resolve production incidents, with humans in control.",
    subcommands = {ServeCommand.class, IngestCommand.class, QueryCommand.class, SimCommand.class, InvestigateCommand.class, RespondCommand.class, ApprovalsCommand.class, MetricsCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code; used by tests, which must not exit the JVM. */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
      extension.register(cli);
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean wantTrace = parseResult.originalArgs().contains("--verbose");
      commandLine.getErr().println("responder: " + describe(e));
      if (wantTrace) {
        e.printStackTrace(commandLine.getErr());
      } else if (!(e instanceof ResponderException || e instanceof IllegalArgumentException)) {
        commandLine.getErr().println("(run with --verbose for the stack trace)");
      }
      commandLine.getErr().flush();
      return e instanceof ResponderException re && !re.retryable() ? 2 : 1;
    });
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("responder: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      c.getErr().flush();
      return 2;
    });
    return cli;
  }

  /** One line that says what went wrong, with no stack trace. */
  static String describe(Throwable e) {
    if (e instanceof ResponderException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return "unexpected " + root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"responder " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
