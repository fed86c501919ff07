package dev.responder.app.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * A serving command ({@code demo}, {@code serve}) run on a thread of its own, its output captured, with nothing to
 * read on its terminal; {@link #close} stops it and waits for it to end.
 */
final class BackgroundCommand implements AutoCloseable {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CountDownLatch stop;
  private final Thread thread;
  private volatile int exitCode = -1;

  private BackgroundCommand(String... args) {
    CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    Object command = cli.getSubcommands().get(args[0]).getCommand();
    if (command instanceof DemoCommand demo) {
      demo.terminal = InputStream.nullInputStream();
      stop = demo.stop;
    } else if (command instanceof ServeCommand serve) {
      stop = serve.stop;
    } else {
      throw new IllegalArgumentException("not a serving command: " + args[0]);
    }
    thread = Thread.ofPlatform().start(() -> exitCode = cli.execute(args));
  }

  static BackgroundCommand start(String... args) {
    return new BackgroundCommand(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** The exit code once {@link #close} returned; -1 while running. */
  int exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
