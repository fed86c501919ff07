package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
import dev.responder.app.server.ResponderServer;
import dev.responder.app.server.Storage;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code responder serve}: OTLP/HTTP ingest into the store, health and metrics, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve OTLP/HTTP ingest (/v1/metrics, /v1/logs, /v1/traces), /health and /metrics until stopped.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--store", paramLabel = "FILE|URL", description = "Telemetry store: DuckDB file (default responder.duckdb), :memory:, or clickhouse:URL.")
  String store;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default 4318, OTLP/HTTP's).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default 127.0.0.1).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    ResponderConfig config = global.load().withStore(store).withPort(port).withHost(host);
    PrintWriter out = spec.commandLine().getOut();
    Storage storage = Storage.open(config);
    ResponderServer server;
    try {
      server = ResponderServer.start(config, storage, Clock.systemUTC());
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    out.printf("responder: serving on http://%s:%d (OTLP/HTTP at /v1/metrics, /v1/logs, /v1/traces; store %s)%n",
        config.host(), server.port(), config.store());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    // Closing from the shutdown hook itself lets DuckDB checkpoint before the JVM halts on Ctrl-C.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } finally {
        storage.close();
        stopped.countDown();
      }
    }, "responder-shutdown"));
    stopped.await();
    return 0;
  }
}
