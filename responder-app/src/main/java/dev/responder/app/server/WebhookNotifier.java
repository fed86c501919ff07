package dev.responder.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responder.app.server.IncidentEvents.Event;
import dev.responder.app.server.WebhookConfig.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts incident and approval events to the webhooks of {@link WebhookConfig}, from one daemon worker thread.
 *
 * <p>The publisher is never blocked and never fails: {@link IncidentEvents} calls listeners on the thread that
 * saves an incident, so the listener only puts a delivery on a bounded queue ({@value #QUEUE_CAPACITY}), dropping
 * the oldest when it is full and counting it. The worker posts with {@code Content-Type: application/json},
 * {@code User-Agent: responder-webhook}, {@code X-Responder-Event: TYPE}, {@code X-Responder-Event-Id: ID} and the
 * configured headers. A 2xx is delivered; a 5xx, a 429 or an I/O error (including a timeout) is retried after
 * {@code backoffBase × 2^n} (n = 0, 1, ...; at least a 429's {@code Retry-After}, up to a minute) at most
 * {@code retries} times; any other status gives up at once. Waiting retries do not hold up other deliveries, so
 * a retried event can arrive after a later one; receivers order by the event id. At-least-once at best: a receiver
 * that answered 5xx after acting will see the event again.
 */
public final class WebhookNotifier implements AutoCloseable {
  /** How many deliveries may wait; beyond that the oldest is dropped. */
  public static final int QUEUE_CAPACITY = 10_000;
  static final int FLUSH_SECONDS = 2;
  private static final Duration FLUSH = Duration.ofSeconds(FLUSH_SECONDS);
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int MAX_SLACK_TEXT = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  /** One event for one webhook; {@code attempt} counts the tries made so far. */
  private record Delivery(Target target, Event event, int attempt, long dueNanos) {}

  private final List<Target> targets;
  private final HttpClient client;
  private final Duration backoffBase;
  private final LinkedBlockingDeque<Delivery> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
  /** Deliveries waiting for their retry time; touched only by the worker. */
  private final PriorityQueue<Delivery> waiting = new PriorityQueue<>(Comparator.comparingLong(Delivery::dueNanos));
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread worker;
  private volatile long flushDeadline;
  private volatile boolean closing;
  private IncidentEvents.Subscription subscription;

  private WebhookNotifier(List<Target> targets, HttpClient client, Duration backoffBase) {
    this.targets = targets;
    this.client = client;
    this.backoffBase = backoffBase;
    this.worker = Thread.ofPlatform().name("responder-webhook").daemon(true).unstarted(this::run);
  }

  /**
   * Starts the worker and subscribes to {@code events}.
   *
   * @param client      sends the requests; its own settings (proxy, TLS, redirects) apply
   * @param backoffBase the wait before the first retry, doubled for each further one
   */
  public static WebhookNotifier start(List<Target> targets, IncidentEvents events, HttpClient client, Duration backoffBase) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(backoffBase, "backoffBase");
    if (backoffBase.isNegative()) {
      throw new IllegalArgumentException("backoffBase must not be negative but was " + backoffBase);
    }
    WebhookNotifier notifier = new WebhookNotifier(List.copyOf(targets), Objects.requireNonNull(client, "client"), backoffBase);
    notifier.worker.start();
    notifier.subscription = events.subscribe(notifier::enqueue);
    return notifier;
  }

  /** Counters since start: delivered, failed (gave up), dropped (queue full or shut down), retried; and queued now. */
  public Map<String, Long> stats() {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("delivered", delivered.sum());
    stats.put("failed", failed.sum());
    stats.put("dropped", dropped.sum());
    stats.put("retried", retried.sum());
    stats.put("queued", (long) queue.size());
    return stats;
  }

  /**
   * Stops listening, lets the worker deliver what it can for at most {@value #FLUSH_SECONDS} seconds, then stops it;
   * what is left is counted as dropped.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    subscription.close();
    flushDeadline = System.nanoTime() + FLUSH.toNanos();
    closing = true;
    try {
      worker.join(FLUSH.plusMillis(200));
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs on the publisher's thread: must not block or throw. */
  private void enqueue(Event event) {
    for (Target target : targets) {
      if (target.wants(event.type())) {
        Delivery d = new Delivery(target, event, 0, 0);
        while (!queue.offerLast(d)) {
          if (queue.pollFirst() != null) {
            dropped.increment();
          }
        }
      }
    }
  }

  private void run() {
    try {
      while (!(closing && (System.nanoTime() - flushDeadline >= 0 || queue.isEmpty() && waiting.isEmpty()))) {
        Delivery retry = waiting.peek();
        long now = System.nanoTime();
        if (retry != null && retry.dueNanos() - now <= 0) {
          attempt(waiting.poll());
          continue;
        }
        long wait = retry == null ? IDLE_NANOS : Math.min(IDLE_NANOS, retry.dueNanos() - now);
        Delivery next = queue.pollFirst(wait, TimeUnit.NANOSECONDS);
        if (next != null) {
          attempt(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      List<Delivery> left = new ArrayList<>(waiting);
      queue.drainTo(left);
      waiting.clear();
      dropped.add(left.size());
      if (!left.isEmpty()) {
        LOG.warn("webhook notifier stopped with {} deliveries undelivered", left.size());
      }
    }
  }

  private void attempt(Delivery d) throws InterruptedException {
    Target target = d.target();
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(target.timeout())
          .header("Content-Type", "application/json")
          .header("User-Agent", "responder-webhook")
          .header("X-Responder-Event", d.event().type())
          .header("X-Responder-Event-Id", Long.toString(d.event().id()));
      target.headers().forEach(request::header);
      request.POST(HttpRequest.BodyPublishers.ofString(body(target, d.event()), StandardCharsets.UTF_8));
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        delivered.increment();
      } else if (status == 429 || status >= 500) {
        retryOrFail(d, "HTTP " + status, retryAfter(response));
      } else {
        giveUp(d, "HTTP " + status + ", not retried");
      }
    } catch (IOException e) {
      retryOrFail(d, e.toString(), Duration.ZERO);
    } catch (InterruptedException e) {
      dropped.increment();
      throw e;
    } catch (RuntimeException e) {
      giveUp(d, e.toString());
    }
  }

  private void retryOrFail(Delivery d, String reason, Duration atLeast) {
    if (d.attempt() >= d.target().retries()) {
      giveUp(d, reason + " after " + (d.attempt() + 1) + " attempts");
      return;
    }
    if (waiting.size() >= QUEUE_CAPACITY) {
      dropped.increment();
      return;
    }
    Duration backoff = backoffBase.multipliedBy(1L << Math.min(d.attempt(), 30));
    Duration delay = backoff.compareTo(atLeast) >= 0 ? backoff : atLeast;
    retried.increment();
    LOG.debug("webhook {} will retry {} {} in {}: {}", d.target().redactedUrl(), d.event().type(), d.event().id(), delay, reason);
    waiting.add(new Delivery(d.target(), d.event(), d.attempt() + 1, System.nanoTime() + delay.toNanos()));
  }

  private void giveUp(Delivery d, String reason) {
    failed.increment();
    LOG.warn("webhook {} failed to deliver {} {}: {}", d.target().redactedUrl(), d.event().type(), d.event().id(), reason);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").filter(v -> v.trim().matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
        .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
        .orElse(Duration.ZERO);
  }

  static String body(Target target, Event event) {
    String page = target.link() == null ? null : incidentPage(target.link(), event.incidentId());
    return switch (target.format()) {
      case JSON -> {
        if (page == null) {
          yield event.toJson();
        }
        try {
          ObjectNode withLink = (ObjectNode) ApiGuard.JSON.readTree(event.toJson());
          yield ApiGuard.JSON.writeValueAsString(withLink.put("url", page));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot write event " + event.id(), e);
        }
      }
      case SLACK -> {
        try {
          String text = slackText(event);
          yield ApiGuard.JSON.writeValueAsString(ApiGuard.JSON.createObjectNode()
              .put("text", page == null ? text : text + " <" + page + "|open>"));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("cannot write Slack message for event " + event.id(), e);
        }
      }
    };
  }

  /** The web UI's page of an incident under {@code link}, e.g. {@code https://responder.example.com/#/incidents/INC-1}. */
  static String incidentPage(URI link, String incidentId) {
    String base = link.toString();
    return (base.endsWith("/") ? base : base + "/") + "#/incidents/" + incidentId;
  }

  /**
   * A one-line summary such as {@code [Responder] INC-1 state INVESTIGATING -> MITIGATED: checkout errors}. Text
   * from incidents and approvals (which may come from alerts) is escaped as Slack asks (&amp;, &lt;, &gt;), so it
   * cannot form links or mentions such as {@code <!channel>}.
   */
  static String slackText(Event event) {
    ObjectNode d = event.data();
    String id = event.incidentId();
    String text = switch (event.type()) {
      case "incident.opened" -> id + " opened (" + field(d, "severity") + "): " + field(d, "title")
          + services(d.path("services"));
      case "incident.state_changed" -> id + " state " + field(d, "from") + " -> " + field(d, "to") + ": " + field(d, "title");
      case "approval.requested" -> id + " approval " + field(d, "id") + " requested: "
          + slack(d.path("action").path("description").asText()) + reason(d);
      case "approval.decided" -> id + " approval " + field(d, "id") + " " + field(d, "state")
          + (d.path("decided_by").asText().isEmpty() ? "" : " by " + field(d, "decided_by")) + ": "
          + slack(d.path("action").path("description").asText());
      default -> id + " " + event.type();
    };
    String line = "[Responder] " + text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_SLACK_TEXT ? line : line.substring(0, MAX_SLACK_TEXT - 3) + "...";
  }

  private static String field(JsonNode data, String name) {
    return slack(data.path(name).asText());
  }

  private static String services(JsonNode services) {
    List<String> names = new ArrayList<>();
    services.forEach(s -> names.add(slack(s.asText())));
    return names.isEmpty() ? "" : " [" + String.join(", ", names) + "]";
  }

  private static String reason(JsonNode data) {
    String reason = data.path("reason").asText();
    return reason.isBlank() ? "" : " (" + slack(reason) + ")";
  }

  private static String slack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
