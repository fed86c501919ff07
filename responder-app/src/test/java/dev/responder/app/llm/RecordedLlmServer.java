package dev.responder.app.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A local HTTP server on a free port that answers POSTs to one path with recorded provider responses (from
 * {@code src/test/resources/llm/}) in order, and keeps every request it received.
 */
final class RecordedLlmServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Received(String path, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final Deque<String> responses;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  private RecordedLlmServer(String path, List<String> fixtures) throws IOException {
    this.responses = new ArrayDeque<>();
    for (String f : fixtures) {
      responses.add(resource(f));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().getPath(), body));
      String answer;
      synchronized (responses) {
        answer = exchange.getRequestURI().getPath().equals(path) ? responses.poll() : null;
      }
      byte[] bytes = (answer == null ? "{\"error\":\"unexpected request\"}" : answer).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer == null ? 500 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** Serves {@code fixtures} (resource paths under {@code /llm/}) in order at {@code path}. */
  static RecordedLlmServer serving(String path, String... fixtures) throws IOException {
    return new RecordedLlmServer(path, List.of(fixtures));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = RecordedLlmServer.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /llm/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
