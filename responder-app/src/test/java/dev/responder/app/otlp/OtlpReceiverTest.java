package dev.responder.app.otlp;

import static dev.responder.app.otlp.OtlpRequests.gauge;
import static dev.responder.app.otlp.OtlpRequests.metrics;
import static dev.responder.app.otlp.OtlpRequests.point;
import static dev.responder.app.otlp.OtlpRequests.resource;
import static dev.responder.app.otlp.OtlpRequests.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.CodedInputStream;
import dev.responder.core.error.PermanentException;
import dev.responder.core.error.TransientException;
import dev.responder.core.telemetry.MetricPoint;
import dev.responder.core.testkit.MutableClock;
import io.javalin.Javalin;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpReceiverTest {
  private static final int LIMIT = 64 * 1024;
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final ExportMetricsServiceRequest GOOD = metrics(resource("checkout", "c-1"),
      gauge("queue.depth", point(-1, 10, 7)), sum("http.requests", true, false, point(0, 10, 100)));
  private static final String GOOD_JSON = """
      {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
        "scopeLogs":[{"logRecords":[{"timeUnixNano":"1794909600000000000","severityNumber":17,
        "body":{"stringValue":"payment declined"}}]}]}]}""";

  private final MutableClock clock = new MutableClock(OtlpRequests.NOW);
  private final RecordingSink sink = new RecordingSink();
  private final OtlpReceiver receiver = OtlpReceiver.create(sink, OtlpSettings.defaults().withMaxBodyBytes(LIMIT), clock);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Javalin app;

  @BeforeEach
  void start() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      receiver.register(config);
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    http.close();
  }

  @Test
  void receiver_storesProtobufMetrics_andAnswersWithEmptyProtobufResponse() throws Exception {
    HttpResponse<byte[]> response = post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(GOOD.toByteArray()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(PROTOBUF));
    assertThat(response.body()).isEmpty();
    assertThat(sink.metrics()).extracting(MetricPoint::name, MetricPoint::value).containsExactly(
        tuple("queue.depth", 7.0), tuple("http.requests", 10.0));
  }

  @Test
  void receiver_storesJsonLogs_ignoringContentTypeParameters() throws Exception {
    HttpResponse<byte[]> response = post("/v1/logs", "application/json; charset=utf-8", json(GOOD_JSON));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("{}");
    assertThat(sink.logs()).singleElement().satisfies(log -> assertThat(log.body()).isEqualTo("payment declined"));
  }

  @Test
  void receiver_inflatesGzipBodies() throws Exception {
    HttpResponse<byte[]> response = post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(gzip(GOOD.toByteArray())),
        "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sink.metrics()).hasSize(2);
  }

  @Test
  void receiver_rejectsResourceWithoutServiceName_with400AndJsonStatus() throws Exception {
    String json = GOOD_JSON.replace("service.name", "service.namespace");

    HttpResponse<byte[]> response = post("/v1/logs", JSON, json(json));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).isEqualTo("{\"code\":3,\"message\":\"resource 0 has no service.name attribute\"}");
    assertThat(receiver.stats().rejected(RejectReason.MISSING_SERVICE_NAME)).isEqualTo(1);
  }

  @Test
  void receiver_answersProtobufRequestsWithProtobufStatus() throws Exception {
    ExportMetricsServiceRequest future = metrics(resource("checkout", null), gauge("g", point(-1, 3600 + 3600, 1)));

    HttpResponse<byte[]> response = post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(future.toByteArray()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(statusMessage(response.body())).startsWith("timeUnixNano of metric 'g' point 0 in resource 0 is ")
        .contains("more than PT10M after the receiver's clock (2026-11-17T11:00:00Z)");
    assertThat(receiver.stats().rejected(RejectReason.FUTURE_TIMESTAMP)).isEqualTo(1);
  }

  @Test
  void receiver_rejectsOtherContentTypes_with415ListingTheAcceptedOnes() throws Exception {
    HttpResponse<byte[]> response = post("/v1/traces", "text/plain", BodyPublishers.ofString("hello"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(text(response)).isEqualTo("{\"code\":3,\"message\":\"unsupported content type 'text/plain'; "
        + "accepted: application/x-protobuf, application/json\"}");
  }

  @Test
  void receiver_rejectsOtherContentEncodings_with415() throws Exception {
    HttpResponse<byte[]> response = post("/v1/logs", JSON, json(GOOD_JSON), "Content-Encoding", "br");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(text(response)).contains("unsupported content encoding 'br'; accepted: gzip, identity");
  }

  @Test
  void receiver_rejectsDeclaredLengthOverLimit_with413() throws Exception {
    HttpResponse<byte[]> response = post("/v1/logs", JSON, BodyPublishers.ofByteArray(new byte[LIMIT + 1]));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(text(response)).contains("request body of 65537 bytes exceeds the limit of 65536 bytes");
  }

  @Test
  void receiver_rejectsChunkedBodyOverLimit_whileReading() throws Exception {
    byte[] big = new byte[LIMIT + 100];
    BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));

    HttpResponse<byte[]> response = post("/v1/logs", JSON, chunked);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(text(response)).contains("request body exceeds the limit of 65536 bytes");
  }

  @Test
  void receiver_stopsGzipBomb_atTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[16 * LIMIT]);
    assertThat(bomb.length).isLessThan(LIMIT / 10);

    HttpResponse<byte[]> response = post("/v1/logs", JSON, BodyPublishers.ofByteArray(bomb), "Content-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(text(response)).contains("decompressed request body exceeds the limit of 65536 bytes");
  }

  @Test
  void receiver_rejectsBrokenGzipAndMalformedBodies_with400() throws Exception {
    HttpResponse<byte[]> notGzip = post("/v1/logs", JSON, json(GOOD_JSON), "Content-Encoding", "gzip");
    HttpResponse<byte[]> notJson = post("/v1/logs", JSON, json("{\"resourceLogs\": [}"));

    assertThat(notGzip.statusCode()).isEqualTo(400);
    assertThat(text(notGzip)).contains("request body is not valid gzip");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(text(notJson)).contains("invalid OTLP JSON at line 1 column");
    assertThat(receiver.stats().rejected(RejectReason.MALFORMED)).isEqualTo(2);
  }

  @Test
  void receiver_answers503_whenTheStoreIsDown_andKeepsTheSeriesStateForTheRetry() throws Exception {
    sink.failWith(new TransientException("duckdb file is locked by another process"));

    HttpResponse<byte[]> down = post("/v1/metrics", JSON, json(metricsJson(100)));
    sink.recover();
    HttpResponse<byte[]> retried = post("/v1/metrics", JSON, json(metricsJson(100)));

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(text(down)).isEqualTo("{\"code\":14,\"message\":\"telemetry store unavailable, retry later: "
        + "duckdb file is locked by another process\"}");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(sink.metrics()).singleElement().extracting(MetricPoint::value).isEqualTo(10.0);
  }

  @Test
  void receiver_answers500WithMessage_onPermanentStoreFailure() throws Exception {
    sink.failWith(new PermanentException("table metrics is missing column 'labels'"));

    HttpResponse<byte[]> response = post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(GOOD.toByteArray()));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(statusMessage(response.body())).isEqualTo("telemetry store failed: table metrics is missing column 'labels'");
    assertThat(receiver.stats().rejected(RejectReason.SINK_FAILED)).isEqualTo(1);
  }

  @Test
  void receiver_keepsServing_andKeepsAcceptedData_afterBadRequests() throws Exception {
    assertThat(post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(GOOD.toByteArray())).statusCode()).isEqualTo(200);
    post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x7f}));
    post("/v1/logs", "text/xml", BodyPublishers.ofString("<log/>"));
    post("/v1/logs", JSON, json(GOOD_JSON.replace("service.name", "x")));

    HttpResponse<byte[]> good = post("/v1/logs", JSON, json(GOOD_JSON));

    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.metrics()).hasSize(2);
    assertThat(sink.logs()).hasSize(1);
  }

  @Test
  void receiver_countsEveryOutcome() throws Exception {
    post("/v1/metrics", PROTOBUF, BodyPublishers.ofByteArray(GOOD.toByteArray()));
    post("/v1/logs", JSON, json(GOOD_JSON));
    post("/v1/logs", "text/plain", BodyPublishers.ofString("x"));
    post("/v1/logs", JSON, json("nope"));

    assertThat(receiver.stats().snapshot())
        .containsEntry("accepted_requests", 2L)
        .containsEntry("accepted_metric_points", 2L)
        .containsEntry("accepted_log_records", 1L)
        .containsEntry("accepted_spans", 0L)
        .containsEntry("rejected_unsupported_media_type", 1L)
        .containsEntry("rejected_malformed", 1L)
        .containsEntry("rejected_sink_unavailable", 0L)
        .hasSize(4 + RejectReason.values().length);
    assertThat(List.copyOf(receiver.stats().snapshot().keySet())).isSorted();
  }

  private static String metricsJson(long value) {
    return """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
          "scopeMetrics":[{"metrics":[{"name":"http.requests","sum":{"aggregationTemporality":2,"isMonotonic":true,
          "dataPoints":[{"startTimeUnixNano":"1794909600000000000","timeUnixNano":"1794909610000000000",
          "asInt":"%d"}]}}]}]}]}""".formatted(value);
  }

  private HttpResponse<byte[]> post(String path, String contentType, BodyPublisher body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Content-Type", contentType).POST(body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), BodyHandlers.ofByteArray());
  }

  private static BodyPublisher json(String json) {
    return BodyPublishers.ofString(json, StandardCharsets.UTF_8);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }

  /** Reads field 2 (message) of a google.rpc.Status. */
  private static String statusMessage(byte[] status) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(status);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag >>> 3 == 2) {
        return in.readString();
      }
      in.skipField(tag);
    }
    return null;
  }
}
