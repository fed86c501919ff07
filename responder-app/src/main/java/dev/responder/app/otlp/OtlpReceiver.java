package dev.responder.app.otlp;

import dev.responder.core.port.TelemetrySink;
import io.javalin.config.JavalinConfig;
import java.time.InstantSource;

/**
 * The OTLP/HTTP endpoints: {@code POST /v1/metrics}, {@code /v1/logs} and {@code /v1/traces}, decoding with an
 * {@link OtlpDecoder} and writing each request's batch to a {@link TelemetrySink}.
 *
 * <p>Bodies may be {@code application/x-protobuf} or {@code application/json}, optionally
 * {@code Content-Encoding: gzip}. Answers follow the OTLP specification: 200 with an empty
 * {@code Export*ServiceResponse} in the request's encoding; otherwise a {@code google.rpc.Status} body (code
 * and message) in the request's encoding (JSON when the encoding is not known) with status 400 (bad data), 413
 * (body over {@link OtlpSettings#maxBodyBytes()}), 415 (other content types or encodings), 503 (the sink
 * failed transiently: retry) or 500 (the sink failed permanently). Every outcome is counted in {@link #stats()}.
 *
 * <p>Register the routes while configuring Javalin:
 * <pre>{@code
 * OtlpReceiver otlp = OtlpReceiver.create(store, OtlpSettings.defaults(), InstantSource.system());
 * Javalin app = Javalin.create(config -> {
 *   otlp.register(config);
 *   // other routes
 * }).start(4318);
 * }</pre>
 */
public interface OtlpReceiver {
  String METRICS_PATH = "/v1/metrics";
  String LOGS_PATH = "/v1/logs";
  String TRACES_PATH = "/v1/traces";

  /**
   * A receiver writing to {@code sink}, checking timestamps against {@code clock}. The sink is called from
   * Javalin's request threads, possibly concurrently.
   */
  static OtlpReceiver create(TelemetrySink sink, OtlpSettings settings, InstantSource clock) {
    return new DefaultOtlpReceiver(sink, settings, new DefaultOtlpDecoder(settings, clock,
        DefaultOtlpDecoder.DEFAULT_MAX_SERIES));
  }

  /** Adds the three POST routes to the Javalin configuration; call it inside {@code Javalin.create(config -> ...)}. */
  void register(JavalinConfig config);

  /** The counters of this receiver, for the {@code /metrics} endpoint. */
  OtlpStats stats();
}
