package dev.responder.app.otlp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.CodedOutputStream;
import dev.responder.app.otlp.OtlpDecoder.Accepted;
import dev.responder.app.otlp.OtlpDecoder.Encoding;
import dev.responder.app.otlp.OtlpDecoder.Rejected;
import dev.responder.app.otlp.OtlpDecoder.Signal;
import dev.responder.core.error.ResponderException;
import dev.responder.core.port.TelemetrySink;
import dev.responder.core.telemetry.TelemetryBatch;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OTLP/HTTP over Javalin: reads the body within limits, decodes, stores, answers as the specification says. */
final class DefaultOtlpReceiver implements OtlpReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  private static final byte[] EMPTY_RESPONSE = new byte[0];
  /** google.rpc.Code values for the Status body. */
  private static final int INVALID_ARGUMENT = 3;
  private static final int INTERNAL = 13;
  private static final int UNAVAILABLE = 14;

  private final TelemetrySink sink;
  private final OtlpSettings settings;
  private final DefaultOtlpDecoder decoder;
  private final OtlpStats stats = new OtlpStats();

  DefaultOtlpReceiver(TelemetrySink sink, OtlpSettings settings, DefaultOtlpDecoder decoder) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  @Override
  public void register(JavalinConfig config) {
    config.routes.post(METRICS_PATH, ctx -> handle(ctx, Signal.METRICS));
    config.routes.post(LOGS_PATH, ctx -> handle(ctx, Signal.LOGS));
    config.routes.post(TRACES_PATH, ctx -> handle(ctx, Signal.TRACES));
  }

  @Override
  public OtlpStats stats() {
    return stats;
  }

  private void handle(Context ctx, Signal signal) {
    String contentType = ctx.header("Content-Type");
    Encoding encoding = encoding(contentType);
    if (encoding == null) {
      reject(ctx, Encoding.JSON, RejectReason.UNSUPPORTED_MEDIA_TYPE, "unsupported content type "
          + (contentType == null ? "(none)" : "'" + contentType + "'") + "; accepted: " + PROTOBUF + ", " + JSON);
      return;
    }
    try {
      boolean gzip = gzip(ctx.header("Content-Encoding"));
      long declared = ctx.req().getContentLengthLong();
      if (declared > settings.maxBodyBytes()) {
        throw RequestBody.tooLarge("request body of " + declared + " bytes", settings.maxBodyBytes());
      }
      byte[] body = RequestBody.read(ctx.bodyInputStream(), gzip, settings.maxBodyBytes());
      DefaultOtlpDecoder.Staged staged = decoder.stage(signal, encoding, body);
      switch (staged.result()) {
        case Rejected r -> reject(ctx, encoding, r.reason(), r.message());
        case Accepted a -> store(ctx, encoding, a.batch(), staged);
      }
    } catch (Rejection r) {
      reject(ctx, encoding, r.reason(), r.getMessage());
    }
  }

  private void store(Context ctx, Encoding encoding, TelemetryBatch batch, DefaultOtlpDecoder.Staged staged) {
    try {
      if (!batch.isEmpty()) {
        sink.append(batch);
      }
    } catch (ResponderException e) {
      LOG.warn("OTLP batch of {} items not stored: {}", batch.size(), e.getMessage());
      if (e.retryable()) {
        reject(ctx, encoding, RejectReason.SINK_UNAVAILABLE, "telemetry store unavailable, retry later: "
            + e.getMessage());
      } else {
        reject(ctx, encoding, RejectReason.SINK_FAILED, "telemetry store failed: " + e.getMessage());
      }
      return;
    }
    staged.commit();
    stats.countAccepted(batch);
    ctx.status(200);
    if (encoding == Encoding.PROTOBUF) {
      ctx.contentType(PROTOBUF).result(EMPTY_RESPONSE);
    } else {
      ctx.contentType(JSON).result("{}");
    }
  }

  private void reject(Context ctx, Encoding encoding, RejectReason reason, String message) {
    stats.countRejected(reason);
    LOG.debug("OTLP request to {} rejected ({}): {}", ctx.path(), reason.key(), message);
    int code = switch (reason) {
      case SINK_UNAVAILABLE -> UNAVAILABLE;
      case SINK_FAILED -> INTERNAL;
      default -> INVALID_ARGUMENT;
    };
    ctx.status(reason.httpStatus());
    if (encoding == Encoding.PROTOBUF) {
      ctx.contentType(PROTOBUF).result(protobufStatus(code, message));
    } else {
      ctx.contentType(JSON).result(jsonStatus(code, message));
    }
  }

  /** The media type without parameters such as charset; null when it is not one OTLP defines. */
  static Encoding encoding(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case PROTOBUF -> Encoding.PROTOBUF;
      case JSON -> Encoding.JSON;
      default -> null;
    };
  }

  private static boolean gzip(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return false;
    }
    return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
      case "identity" -> false;
      case "gzip", "x-gzip" -> true;
      default -> throw new Rejection(RejectReason.UNSUPPORTED_MEDIA_TYPE, "unsupported content encoding '"
          + contentEncoding + "'; accepted: gzip, identity");
    };
  }

  static String jsonStatus(int code, String message) {
    StringBuilder json = new StringBuilder(message.length() + 32).append("{\"code\":").append(code)
        .append(",\"message\":\"");
    JsonStringEncoder.getInstance().quoteAsString(message, json);
    return json.append("\"}").toString();
  }

  /** A {@code google.rpc.Status} (code = 1, message = 2), written by hand: its class is not on our classpath. */
  static byte[] protobufStatus(int code, String message) {
    byte[] out = new byte[CodedOutputStream.computeInt32Size(1, code)
        + CodedOutputStream.computeStringSize(2, message)];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeInt32(1, code);
      stream.writeString(2, message);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("sized buffer of " + out.length + " bytes overflowed", e);
    }
    return out;
  }
}
