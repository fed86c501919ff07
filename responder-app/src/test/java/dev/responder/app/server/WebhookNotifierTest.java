package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.responder.app.server.IncidentEvents.Event;
import dev.responder.app.server.WebhookConfig.Format;
import dev.responder.app.server.WebhookConfig.Target;
import dev.responder.core.error.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BACKOFF = Duration.ofMillis(10);
  private static final String SECRET = "s3cr3t-hook-token";

  /** One request the fake receiver got; header names lower-case. */
  private record Captured(String path, Map<String, String> headers, String body) {}

  private final BlockingQueue<Captured> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private final IncidentEvents events = new IncidentEvents(InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z")));
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<WebhookNotifier> notifiers = new ArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private ExecutorService serverThreads;
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/", exchange -> {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Map<String, String> headers = new java.util.TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Captured(exchange.getRequestURI().getPath(), headers, body));
      Integer status = statuses.pollFirst();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    gate.countDown();
    notifiers.forEach(WebhookNotifier::close);
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void jsonFormat_postsTheEventWithHeaders() throws Exception {
    notifier(targets("- url: %s/hook\n"));

    Event event = events.publish("incident.opened", "INC-1", incident("checkout errors"));

    Captured request = next();
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(request.body()).isEqualTo(event.toJson());
    assertThat(JSON.readTree(request.body()).get("data").get("title").asText()).isEqualTo("checkout errors");
    assertThat(request.headers()).containsEntry("content-type", "application/json")
        .containsEntry("user-agent", "responder-webhook").containsEntry("x-responder-event", "incident.opened")
        .containsEntry("x-responder-event-id", Long.toString(event.id()));
    eventually(n -> assertThat(n.stats()).containsEntry("delivered", 1L).containsEntry("failed", 0L));
  }

  @Test
  void slackFormat_postsOneLineSummary_withAlertTextEscaped() throws Exception {
    notifier(targets("- url: %s/slack\n  format: slack\n"));

    events.publish("incident.state_changed", "INC-1", incident("checkout <!channel> errors\nnow")
        .put("from", "INVESTIGATING").put("to", "MITIGATED"));

    assertThat(JSON.readTree(next().body()).get("text").asText())
        .isEqualTo("[Responder] INC-1 state INVESTIGATING -> MITIGATED: checkout &lt;!channel&gt; errors now");
  }

  @Test
  void link_pointsSlackAndJsonMessagesAtTheIncidentsPage() throws Exception {
    notifier(targets("- url: %s/slack\n  format: slack\n  link: https://responder.example.com\n"
        + "- url: %s/json\n  link: https://responder.example.com/\n"));

    events.publish("incident.opened", "INC-1", incident("checkout errors"));

    Map<String, String> bodies = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      Captured c = next();
      bodies.put(c.path(), c.body());
    }
    assertThat(JSON.readTree(bodies.get("/slack")).get("text").asText())
        .endsWith(" <https://responder.example.com/#/incidents/INC-1|open>");
    assertThat(JSON.readTree(bodies.get("/json")).get("url").asText()).isEqualTo("https://responder.example.com/#/incidents/INC-1");
    assertThat(targets("- url: %s/x\n  link: https://responder.example.com\n").getFirst().toString())
        .contains("link=https://responder.example.com");
    assertThat(configError("- url: http://x\n  link: not a url\n")).contains("webhooks[0].link");
  }

  @Test
  void eventFilter_sendsOnlyListedEvents() throws Exception {
    notifier(targets("- url: %s/states\n  events: [incident.state_changed]\n- url: %s/default\n"));

    events.publish("incident.opened", "INC-1", incident("a"));
    events.publish("incident.updated", "INC-1", incident("a"));
    events.publish("approval.decided", "INC-1", JSON.createObjectNode().put("id", "APR-1"));
    events.publish("incident.state_changed", "INC-1", incident("a").put("from", "DETECTED").put("to", "TRIAGED"));

    List<String> got = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Captured c = next();
      got.add(c.path() + " " + c.headers().get("x-responder-event"));
    }
    assertThat(got).containsExactlyInAnyOrder("/default incident.opened", "/default incident.state_changed",
        "/states incident.state_changed");
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void serverError_isRetriedWithBackoff_thenDelivered() throws Exception {
    statuses.add(503);
    WebhookNotifier notifier = notifier(targets("- url: %s/hook\n"));

    events.publish("incident.opened", "INC-1", incident("a"));

    String first = next().body();
    assertThat(next().body()).isEqualTo(first);
    eventually(n -> assertThat(n.stats()).containsEntry("delivered", 1L).containsEntry("retried", 1L)
        .containsEntry("failed", 0L));
    assertThat(notifier.stats()).containsEntry("dropped", 0L);
  }

  @Test
  void retries_stopAfterTheConfiguredCount() throws Exception {
    statuses.addAll(List.of(500, 429, 502, 500));
    notifier(targets("- url: %s/hook\n  retries: 2\n"));

    events.publish("incident.opened", "INC-1", incident("a"));

    for (int i = 0; i < 3; i++) {
      next();
    }
    eventually(n -> assertThat(n.stats()).containsEntry("failed", 1L).containsEntry("retried", 2L)
        .containsEntry("delivered", 0L));
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void clientError_isNotRetried() throws Exception {
    statuses.add(400);
    notifier(targets("- url: %s/hook\n"));

    events.publish("incident.opened", "INC-1", incident("rejected"));
    events.publish("incident.opened", "INC-2", incident("accepted"));

    assertThat(next().headers().get("x-responder-event-id")).isEqualTo("1");
    assertThat(next().headers().get("x-responder-event-id")).isEqualTo("2");
    eventually(n -> assertThat(n.stats()).containsEntry("failed", 1L).containsEntry("delivered", 1L)
        .containsEntry("retried", 0L));
    assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void headerFromEnvironment_isSent_andNeverShown() throws Exception {
    WebhookConfig config = WebhookConfig.parse(("webhooks:\n- url: %s/hook\n  headers:\n"
        + "    Authorization: \"Bearer ${HOOK_TOKEN}\"\n    X-Team: sre\n").formatted(base), "test.yaml",
        Map.of("HOOK_TOKEN", SECRET));
    notifier(config.targets());

    events.publish("incident.opened", "INC-1", incident("a"));

    assertThat(next().headers()).containsEntry("authorization", "Bearer " + SECRET).containsEntry("x-team", "sre");
    assertThat(config.toString()).doesNotContain(SECRET).contains("Authorization");
  }

  @Test
  void fullQueue_dropsOldest_andNeverBlocksThePublisher() throws Exception {
    gate = new CountDownLatch(1);
    WebhookNotifier notifier = notifier(targets("- url: %s/slow\n  timeout: 30s\n"));
    int published = WebhookNotifier.QUEUE_CAPACITY + 5_000;
    ObjectNode data = incident("a");

    long started = System.nanoTime();
    for (int i = 0; i < published; i++) {
      events.publish("incident.opened", "INC-" + i, data);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    Map<String, Long> stats = notifier.stats();
    assertThat(stats.get("dropped")).isBetween(4_999L, 5_000L);
    assertThat(stats.get("queued")).isLessThanOrEqualTo(WebhookNotifier.QUEUE_CAPACITY);
    gate.countDown();
    eventually(n -> assertThat(n.stats().get("delivered")).isPositive());
  }

  @Test
  void close_flushesWhatIsQueued() throws Exception {
    WebhookNotifier notifier = notifier(targets("- url: %s/hook\n"));
    for (int i = 0; i < 5; i++) {
      events.publish("incident.opened", "INC-" + i, incident("a"));
    }

    notifier.close();

    assertThat(notifier.stats()).containsEntry("delivered", 5L).containsEntry("dropped", 0L);
    events.publish("incident.opened", "INC-9", incident("after close"));
    assertThat(received).hasSize(5);
  }

  @Test
  void config_defaultsAndNoSection() {
    assertThat(WebhookConfig.parse("store: x.duckdb\n", "test.yaml", Map.of()).targets()).isEmpty();
    Target t = WebhookConfig.parse("webhooks:\n- url: https://hooks.example.com/a\n", "test.yaml", Map.of()).targets().getFirst();
    assertThat(t.events()).containsExactlyInAnyOrder("incident.opened", "incident.state_changed", "approval.requested");
    assertThat(t.format()).isEqualTo(Format.JSON);
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.retries()).isEqualTo(3);
    assertThat(t.headers()).isEmpty();
  }

  @Test
  void config_unknownKeyEventOrFormat_failsNamingKeyFileAndValue() {
    assertThat(configError("- url: https://h.example.com/a\n  colour: red\n"))
        .contains("webhooks[0]").contains("'colour'").contains("test.yaml").contains("known:");
    assertThat(configError("- url: https://h.example.com/a\n  events: [incident.closed]\n"))
        .contains("webhooks[0].events").contains("'incident.closed'").contains("test.yaml");
    assertThat(configError("- url: https://h.example.com/a\n  format: xml\n"))
        .contains("webhooks[0].format").contains("'xml'");
    assertThat(configError("- url: https://h.example.com/a\n  retries: 99\n")).contains("webhooks[0].retries").contains("'99'");
    assertThat(configError("- url: https://h.example.com/a\n  timeout: soon\n")).contains("webhooks[0].timeout").contains("'soon'");
  }

  @Test
  void config_badUrl_failsNamingTheValue() {
    assertThat(configError("- url: ftp://files.example.com/x\n"))
        .contains("webhooks[0].url").contains("'ftp://files.example.com/x'").contains("test.yaml");
    assertThat(configError("- url: not a url\n")).contains("'not a url'");
    assertThat(configError("- format: slack\n")).contains("webhooks[0].url").contains("missing");
  }

  @Test
  void config_missingEnvVar_failsNamingIt_withoutShowingSecrets() {
    assertThat(configError("- url: https://h.example.com/a\n  headers: {Authorization: \"Bearer ${HOOK_TOKEN}\"}\n"))
        .contains("webhooks[0].headers.Authorization").contains("HOOK_TOKEN").contains("not set");
    assertThat(configError("- url: https://h.example.com/a\n  headers: {X-Key: " + SECRET + "}\n  format: xml\n"))
        .doesNotContain(SECRET);
    assertThat(configError("- url: https://h.example.com/a\n  headers: {X-Key: \"" + SECRET + "\\nInjected: 1\"}\n"))
        .contains("X-Key").doesNotContain(SECRET);
    assertThat(configError("- url: https://h.example.com/a\n  headers: {X-Key: [" + SECRET + "]}\n"))
        .contains("X-Key").doesNotContain(SECRET);
    assertThat(configError("webhooks:\n- url: ${SLACK_URL}\n", Map.of("SLACK_URL", "nope " + SECRET)))
        .contains("webhooks[0].url").contains("${SLACK_URL}").doesNotContain(SECRET);
  }

  private static String configError(String webhooks) {
    return configError("webhooks:\n" + webhooks, Map.of());
  }

  private static String configError(String yaml, Map<String, String> env) {
    try {
      WebhookConfig.parse(yaml, "test.yaml", env);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException for " + yaml);
  }

  private List<Target> targets(String yaml) {
    String filled = yaml.replace("%s", base);
    return WebhookConfig.parse("webhooks:\n" + filled, "test.yaml", Map.of()).targets();
  }

  private WebhookNotifier notifier(List<Target> targets) {
    WebhookNotifier notifier = WebhookNotifier.start(targets, events, client, BACKOFF);
    notifiers.add(notifier);
    return notifier;
  }

  private static ObjectNode incident(String title) {
    ObjectNode o = JSON.createObjectNode().put("id", "INC-1").put("title", title).put("severity", "ERROR")
        .put("state", "DETECTED");
    o.putArray("services").add("checkout");
    return o;
  }

  private Captured next() throws InterruptedException {
    Captured c = received.poll(10, TimeUnit.SECONDS);
    assertThat(c).as("a request within 10 s").isNotNull();
    return c;
  }

  private void eventually(java.util.function.Consumer<WebhookNotifier> check) throws InterruptedException {
    WebhookNotifier notifier = notifiers.getLast();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        check.accept(notifier);
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }
}
