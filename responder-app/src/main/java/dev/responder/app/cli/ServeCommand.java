package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
import dev.responder.app.metrics.ManualBaseline;
import dev.responder.app.server.ApiTokens;
import dev.responder.app.server.IncidentEvents;
import dev.responder.app.server.ResponderServer;
import dev.responder.app.server.WebhookConfig;
import dev.responder.app.server.Storage;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code responder serve}: one process serving OTLP/HTTP ingest into the store, the incident API, the web UI, the
 * Alertmanager receiver (each new alert's incident is investigated over the store's telemetry), outgoing webhooks,
 * health and metrics, until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve OTLP/HTTP ingest (/v1/metrics, /v1/logs, /v1/traces), the incident API (/api/v1), the web UI (/), "
        + "the Alertmanager receiver, /health and /metrics until stopped.")
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

  @Option(names = "--no-investigate", description = "Do not investigate the incidents Alertmanager alerts open.")
  boolean noInvestigate;

  /** Counted down to stop serving, by Ctrl-C or by a test. */
  final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    ResponderConfig config = global.load().withStore(store).withPort(port).withHost(host);
    Map<String, String> env = System.getenv();
    ApiTokens tokens = ApiTokens.load(global.config, env);
    ManualBaseline baseline = ManualBaseline.load(global.config);
    WebhookConfig webhooks = WebhookConfig.load(global.config, env);
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemUTC();
    Storage storage = Storage.open(config);
    ResponderServer server;
    AlertInvestigator investigator = null;
    try {
      ResponderServer.Backends backends = ResponderServer.Backends.of(storage, new IncidentEvents(clock), null);
      investigator = noInvestigate ? null : new AlertInvestigator(backends.telemetry(), backends.incidents(), backends.events(), clock);
      server = ResponderServer.start(config, backends,
          new ResponderServer.Options(tokens, baseline, webhooks.targets(), true,
              investigator == null ? i -> { } : investigator::submit), clock);
    } catch (RuntimeException e) {
      if (investigator != null) {
        investigator.close();
      }
      storage.close();
      throw e;
    }
    out.printf("responder: serving on http://%s:%d (web UI at /, API at /api/v1, OTLP/HTTP at /v1/metrics, /v1/logs, /v1/traces; "
        + "store %s; %s; %d webhook(s))%n", config.host(), server.port(), config.store(),
        tokens.enabled() ? "API tokens required" : "no API tokens configured: every caller may approve", webhooks.targets().size());
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        // Closing before the JVM halts on Ctrl-C lets DuckDB checkpoint.
        closed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "responder-shutdown"));
    try {
      stop.await();
    } finally {
      try {
        server.close();
        if (investigator != null) {
          investigator.close();
        }
      } finally {
        storage.close();
        closed.countDown();
      }
    }
    return 0;
  }
}
