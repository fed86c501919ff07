package dev.responder.app.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body within a size limit, and inflates gzip within the same limit, so neither a huge upload
 * nor a small gzip bomb can make us hold more than about twice the limit in memory.
 */
final class RequestBody {
  private RequestBody() {}

  static byte[] read(InputStream in, boolean gzip, long limit) {
    int max = Math.toIntExact(limit);
    byte[] raw;
    try {
      raw = in.readNBytes(max + 1);
    } catch (IOException e) {
      throw new Rejection(RejectReason.MALFORMED, "could not read the request body: " + e.getMessage());
    }
    if (raw.length > max) {
      throw tooLarge("request body", limit);
    }
    if (!gzip) {
      return raw;
    }
    try (InputStream inflating = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] body = inflating.readNBytes(max + 1);
      if (body.length > max) {
        throw tooLarge("decompressed request body", limit);
      }
      return body;
    } catch (IOException e) {
      throw new Rejection(RejectReason.MALFORMED, "request body is not valid gzip: " + e.getMessage());
    }
  }

  static Rejection tooLarge(String what, long limit) {
    return new Rejection(RejectReason.BODY_TOO_LARGE, what + " exceeds the limit of " + limit + " bytes");
  }
}
