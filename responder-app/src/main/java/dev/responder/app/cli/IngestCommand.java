package dev.responder.app.cli;

import dev.responder.app.config.ResponderConfig;
import dev.responder.app.otlp.OtlpDecoder;
import dev.responder.app.otlp.OtlpSettings;
import dev.responder.app.server.Storage;
import dev.responder.core.error.PermanentException;
import dev.responder.core.port.TelemetryStore;
import dev.responder.core.telemetry.TelemetryBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code responder ingest}: loads OTLP JSON files (one request, or JSON Lines as the Collector's file exporter writes). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Load OTLP JSON files (a single export request, or JSON Lines of requests) into a store.")
final class IngestCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = "--store", paramLabel = "FILE|URL", description = "Telemetry store (default from config: responder.duckdb).")
  String store;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "OTLP JSON or JSON Lines files.")
  List<Path> files;

  @Override
  public Integer call() {
    // Decode every file before writing anything, so that a bad file leaves the store untouched.
    ResponderConfig config = global.load().withStore(store);
    OtlpDecoder decoder = OtlpDecoder.create(new OtlpSettings(config.otlpMaxBodyBytes(), config.otlpMaxFutureSkew()), Clock.systemUTC());
    List<TelemetryBatch> batches = files.stream().map(f -> decode(decoder, f)).toList();
    PrintWriter out = spec.commandLine().getOut();
    try (TelemetryStore telemetry = Storage.openTelemetry(config)) {
      for (int i = 0; i < files.size(); i++) {
        TelemetryBatch b = batches.get(i);
        telemetry.append(b);
        out.printf("ingested %s: %d metric points, %d log records, %d spans%n", files.get(i), b.metrics().size(), b.logs().size(), b.spans().size());
      }
    }
    out.flush();
    return 0;
  }

  private static TelemetryBatch decode(OtlpDecoder decoder, Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PermanentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return decoder.decodeJsonFile(content);
    } catch (RuntimeException e) {
      throw new PermanentException(file + ": " + e.getMessage(), e);
    }
  }
}
