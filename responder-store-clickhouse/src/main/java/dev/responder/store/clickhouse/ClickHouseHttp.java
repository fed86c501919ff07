package dev.responder.store.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.responder.core.error.PermanentException;
import dev.responder.core.error.ResponderException;
import dev.responder.core.error.TransientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the adapter: sends statements, parses {@code JSONEachRow} results and turns every failure into
 * the Responder exception family. Thread-safe: {@link HttpClient} is, and nothing here is mutable.
 */
final class ClickHouseHttp implements AutoCloseable {
  /** ClickHouse error codes worth retrying: timeouts, overload, network trouble between servers. */
  private static final Set<Integer> TRANSIENT_CODES = Set.of(159, 202, 209, 210, 252);
  private static final Pattern ERROR_CODE = Pattern.compile("^Code: (\\d+)");
  private static final int MAX_ERROR_CHARS = 400;
  private static final ObjectReader ROWS = new ObjectMapper().readerFor(JsonNode.class);

  private final HttpClient client;
  private final URI base;
  private final String database;
  private final ClickHouseStores.Settings settings;
  private final String commonParams;

  ClickHouseHttp(URI base, String database, ClickHouseStores.Settings settings) {
    this.base = base;
    this.database = database;
    this.settings = settings;
    // HTTP/1.1 explicitly: 18.16 does not speak h2c and the upgrade probe would cost a round trip.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .build();
    long seconds = Math.max(1, (settings.requestTimeout().toMillis() + 999) / 1000);
    // Numbers as numbers (18.16 quotes 64-bit integers by default); the server stops a query the client gave up on.
    this.commonParams = "output_format_json_quote_64bit_integers=0&max_execution_time=" + seconds;
  }

  URI endpoint() {
    return base;
  }

  String database() {
    return database;
  }

  Duration requestTimeout() {
    return settings.requestTimeout();
  }

  /**
   * Runs a SELECT and maps each {@code JSONEachRow} row. {@code what} names the statement in error messages.
   * The server buffers the whole result ({@code wait_end_of_query}) so that a failure late in the query still
   * arrives as an HTTP error instead of a truncated 200 response; results are bounded by the query limits.
   */
  <T> List<T> query(String what, String sql, Function<JsonNode, T> mapper) {
    HttpRequest request = post(uri("database=" + database + "&wait_end_of_query=1"),
        HttpRequest.BodyPublishers.ofString(sql + "\nFORMAT JSONEachRow", StandardCharsets.UTF_8));
    try (InputStream body = send(what, request)) {
      List<T> rows = new ArrayList<>();
      try (MappingIterator<JsonNode> it = ROWS.readValues(body)) {
        while (it.hasNextValue()) {
          rows.add(mapper.apply(it.nextValue()));
        }
      }
      return rows;
    } catch (JsonProcessingException e) {
      throw new PermanentException("clickhouse " + what + " returned a response that is not JSONEachRow: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw transportFailure(what, e);
    }
  }

  /** Runs a statement without result rows (DDL, ALTER) in the store's database. */
  void execute(String what, String sql) {
    executeIn(database, what, sql);
  }

  /** Runs a statement with no default database, which CREATE DATABASE needs. */
  void executeWithoutDatabase(String what, String sql) {
    executeIn(null, what, sql);
  }

  /**
   * Streams {@code rows} (JSONEachRow text) into {@code table}. One request is one INSERT statement; the server
   * writes up to {@code maxBlockRows} rows as one block, which is all-or-nothing.
   */
  void insert(String what, String table, Supplier<InputStream> rows, int maxBlockRows) {
    String query = URLEncoder.encode("INSERT INTO " + table + " FORMAT JSONEachRow", StandardCharsets.UTF_8);
    HttpRequest request = post(uri("database=" + database + "&max_insert_block_size=" + maxBlockRows
        + "&query=" + query), HttpRequest.BodyPublishers.ofInputStream(rows));
    drain(what, request);
  }

  @Override
  public void close() {
    client.close();
  }

  private void executeIn(String db, String what, String sql) {
    HttpRequest request = post(uri(db == null ? "" : "database=" + db),
        HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
    drain(what, request);
  }

  private void drain(String what, HttpRequest request) {
    try (InputStream body = send(what, request)) {
      // Draining lets the connection go back to the pool.
      body.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw transportFailure(what, e);
    }
  }

  private URI uri(String params) {
    return base.resolve("?" + (params.isEmpty() ? "" : params + "&") + commonParams);
  }

  private HttpRequest post(URI uri, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(settings.requestTimeout())
        .header("X-ClickHouse-User", settings.user())
        .POST(body);
    if (!settings.password().isEmpty()) {
      b.header("X-ClickHouse-Key", settings.password());
    }
    return b.build();
  }

  /** Sends the request and returns the body of a 200 response; any other status becomes an exception. */
  private InputStream send(String what, HttpRequest request) {
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw transportFailure(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting for clickhouse at " + base + " during " + what, e);
    }
    if (response.statusCode() == 200) {
      return response.body();
    }
    String text;
    try (InputStream in = response.body()) {
      text = new String(in.readNBytes(MAX_ERROR_CHARS * 4), StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = "(error body unreadable: " + e + ")";
    }
    throw serverError(what, response.statusCode(), text);
  }

  /** Turns ClickHouse's error body into an exception whose message is its first line, tidied and bounded. */
  static ResponderException serverError(String what, int status, String body) {
    String first = body.strip().lines().findFirst().orElse("(empty body)")
        .replace(", e.what() = DB::Exception", "")
        .replace("e.displayText() = ", "");
    if (first.length() > MAX_ERROR_CHARS) {
      first = first.substring(0, MAX_ERROR_CHARS) + "...";
    }
    String message = "clickhouse rejected " + what + " (HTTP " + status + "): " + first;
    Matcher m = ERROR_CODE.matcher(first);
    boolean retryable = status == 503 || (m.find() && TRANSIENT_CODES.contains(Integer.parseInt(m.group(1))));
    return retryable ? new TransientException(message) : new PermanentException(message);
  }

  private ResponderException transportFailure(String what, IOException e) {
    String reason = switch (e) {
      case HttpConnectTimeoutException t -> "connect timed out after " + settings.connectTimeout();
      case HttpTimeoutException t -> "no response within " + settings.requestTimeout();
      case ConnectException c -> "connection refused";
      default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    };
    return new TransientException("clickhouse at " + base + " unreachable during " + what + ": " + reason, e);
  }
}
