package dev.responder.app.otlp;

import dev.responder.core.error.ConfigException;
import java.time.Duration;

/**
 * Limits of OTLP ingest.
 *
 * @param maxBodyBytes the largest request body accepted, checked on the wire and again after gzip
 *     decompression; between 1 byte and 1 GiB
 * @param maxFutureSkew how far timestamps may lie ahead of the receiver's clock before a request is
 *     rejected; zero or positive
 */
public record OtlpSettings(long maxBodyBytes, Duration maxFutureSkew) {
  /** 16 MiB: larger than any batch the OpenTelemetry SDKs send by default. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** Ten minutes: tolerates badly synchronised clocks, rejects data stamped in the wrong unit or year. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(10);
  /** The body is read into one array, so the limit must stay well below the largest Java array. */
  public static final long MAX_BODY_BYTES_LIMIT = 1L << 30;

  public OtlpSettings {
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
      throw new ConfigException("otlp maxBodyBytes must be between 1 and " + MAX_BODY_BYTES_LIMIT
          + " but was " + maxBodyBytes);
    }
    if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
      throw new ConfigException("otlp maxFutureSkew must be zero or positive but was " + maxFutureSkew);
    }
  }

  /** 16 MiB bodies, ten minutes of clock skew. */
  public static OtlpSettings defaults() {
    return new OtlpSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_FUTURE_SKEW);
  }

  /** A copy with another body limit. */
  public OtlpSettings withMaxBodyBytes(long bytes) {
    return new OtlpSettings(bytes, maxFutureSkew);
  }

  /** A copy with another future skew; importing old or simulated files may want a generous one. */
  public OtlpSettings withMaxFutureSkew(Duration skew) {
    return new OtlpSettings(maxBodyBytes, skew);
  }
}
