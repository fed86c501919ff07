package dev.responder.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.app.server.ApiTokens.Role;
import dev.responder.core.action.Action;
import dev.responder.core.action.ActionKind;
import dev.responder.core.action.Approval;
import dev.responder.core.action.Reversibility;
import dev.responder.core.action.Risk;
import dev.responder.core.incident.Diagnosis;
import dev.responder.core.incident.Evidence;
import dev.responder.core.incident.FaultType;
import dev.responder.core.incident.Hypothesis;
import dev.responder.core.incident.Incident;
import dev.responder.core.incident.IncidentId;
import dev.responder.core.incident.IncidentState;
import dev.responder.core.incident.TimelineEntry;
import dev.responder.core.port.ApprovalRepository;
import dev.responder.core.port.IncidentRepository;
import dev.responder.core.telemetry.Severity;
import dev.responder.core.topology.ServiceId;
import dev.responder.store.DuckDbDatabase;
import dev.responder.store.Stores;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium against a real server: the incident list, the hypothesis board, an
 * approval that a (simulated) remediator acts on, with the new state arriving over server-sent events; tokens and
 * roles; and telemetry text that looks like HTML staying text.
 *
 * <p>Skips when Chromium or chromedriver is not installed, unless {@code RESPONDER_REQUIRE_BROWSER=1} (as in CI),
 * where a missing browser fails. Only the locally installed driver is used, so Selenium Manager never goes online.
 */
class WebUiBrowserTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T0.plusSeconds(600));
  private static final IncidentId INCIDENT = new IncidentId("INC-7");
  private static final String XSS_TITLE = "<img src=x onerror=alert(1)> checkout 5xx";
  private static final String RESPONDER = "resp-token";
  private static final String VIEWER = "view-token";

  /** Held so the level sticks: Selenium warns that it has no CDP bindings for this Chromium, which no test uses. */

  private static WebDriver browser;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<Throwable> remediatorFailure = new AtomicReference<>();
  private DuckDbDatabase db;
  private IncidentRepository incidents;
  private ApprovalRepository approvals;
  private EventStream stream;
  private Javalin app;
  private Thread remediator;
  private String base;

  @AfterEach
  void stop() throws InterruptedException {
    if (browser != null) {
      browser.get("about:blank");
    }
    if (remediator != null) {
      remediator.interrupt();
      remediator.join(2000);
    }
    if (stream != null) {
      stream.close();
    }
    if (app != null) {
      app.stop();
    }
    if (db != null) {
      db.close();
    }
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void approve_onIncidentPage_showsMitigatedStateArrivingLive() {
    start(ApiTokens.none());
    startRemediator();
    WebDriver b = browser();
    b.get(base + "/");
    WebElement row = waitFor(b, "[data-testid=incident-row][data-incident-id='INC-7']");
    assertThat(row.getText()).contains("checkout errors").contains("DIAGNOSED")
        .contains("connection pool exhaustion at payment (92%)");
    click(b, "[data-testid=incident-row][data-incident-id='INC-7'] [data-testid=incident-link]");

    new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> cards(d).size() == 2);
    assertThat(cards(b)).extracting(c -> c.getAttribute("data-status")).containsExactlyInAnyOrder("CONFIRMED", "REFUTED");
    assertThat(b.findElement(By.cssSelector("[data-testid=hypothesis-column][data-status=CONFIRMED]")).getText())
        .contains("payment connection pool exhausted").contains("pool_usage{service=\"payment\"}");
    assertThat(b.findElement(By.cssSelector("[data-testid=hypothesis-column][data-status=REFUTED]")).getText())
        .contains("bad deploy of checkout");
    assertThat(stateBadge(b)).isEqualTo("DIAGNOSED");
    waitForLive(b);
    ((JavascriptExecutor) b).executeScript("window.responderTestMarker = 'same page';");

    click(b, "[data-testid=approve-button]");
    waitForText(b, "[data-testid=approval-decision]", "APPROVED", "by operator");
    assertThat(b.findElements(By.cssSelector("[data-testid=approve-button], [data-testid=reject-button]"))).isEmpty();

    new WebDriverWait(b, Duration.ofSeconds(20)).until(d -> "MITIGATED".equals(stateBadge(d)));
    assertThat(((JavascriptExecutor) b).executeScript("return window.responderTestMarker")).isEqualTo("same page");
    assertThat(b.findElement(By.cssSelector("[data-testid=timeline]")).getText()).contains("MITIGATING -> MITIGATED");
    assertThat(approvals.find("APR-7").orElseThrow().decidedBy()).isEqualTo("operator");
    assertThat(remediatorFailure.get()).isNull();
    giveFeedback_appearsOnTimeline(b);
  }

  private static void giveFeedback_appearsOnTimeline(WebDriver b) {
    new Select(b.findElement(By.cssSelector("[data-testid=feedback-diagnosis]"))).selectByValue("true");
    b.findElement(By.cssSelector("[data-testid=feedback-comment]")).sendKeys("spot on");
    click(b, "[data-testid=feedback-submit]");
    new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("[data-testid=timeline]")).getText()
        .contains("feedback: diagnosis correct: spot on"));
    assertThat(b.findElement(By.cssSelector("[data-testid=feedback-status]")).getText()).contains("recorded");
  }

  @Test
  void viewerToken_seesIncidentReadOnly_untilTheTokenIsChangedToAResponders() {
    start(new ApiTokens(Map.of(RESPONDER, Role.RESPONDER, VIEWER, Role.VIEWER)));
    WebDriver b = browser();
    b.get(base + "/");
    waitFor(b, "[data-testid=auth-panel]");
    assertThat(b.findElements(By.cssSelector("[data-testid=incident-row]"))).isEmpty();
    useToken(b, VIEWER);
    assertThat(waitFor(b, "[data-testid=role-indicator]").getText()).isEqualTo("viewer \u00B7 read-only");

    click(b, "[data-testid=incident-row][data-incident-id='INC-7'] [data-testid=incident-link]");
    waitForLive(b);
    assertThat(((JavascriptExecutor) b).executeScript("return document.cookie")).asString()
        .as("the event stream authenticates with the cookie, not a token in its URL").contains(ApiGuard.TOKEN_COOKIE + "=" + VIEWER);
    assertThat(b.findElements(By.cssSelector("[data-testid=postmortem-link]")))
        .allSatisfy(a -> assertThat(a.getDomAttribute("href")).doesNotContain("access_token"));
    waitForText(b, "[data-testid=approval-card][data-approval-id='APR-7'] [data-testid=approval-readonly]",
        "read-only (viewer)", "responder token");
    assertThat(b.findElement(By.cssSelector("[data-testid=approval-card] [data-testid=approval-state]")).getText())
        .isEqualTo("PENDING");
    assertThat(b.findElements(By.cssSelector("[data-testid=approve-button], [data-testid=reject-button]"))).isEmpty();
    assertThat(waitFor(b, "[data-testid=feedback-readonly]").getText()).contains("responder role");
    assertThat(b.findElement(By.cssSelector("[data-testid=feedback-submit]")).isEnabled()).isFalse();
    assertThat(b.findElement(By.cssSelector("[data-testid=feedback-diagnosis]")).isEnabled()).isFalse();
    assertThat(approvals.find("APR-7").orElseThrow().state()).isEqualTo(Approval.State.PENDING);

    click(b, "[data-testid=token-change]");
    useToken(b, RESPONDER);
    waitFor(b, "[data-testid=approval-card][data-approval-id='APR-7'] [data-testid=approve-button]");
    assertThat(b.findElements(By.cssSelector("[data-testid=reject-button]"))).hasSize(1);
    assertThat(b.findElements(By.cssSelector("[data-testid=approval-readonly]"))).isEmpty();
    assertThat(b.findElement(By.cssSelector("[data-testid=role-indicator]")).getText()).isEqualTo("responder");
    assertThat(b.findElement(By.cssSelector("[data-testid=feedback-submit]")).isEnabled()).isTrue();
    assertThat(b.findElements(By.cssSelector("[data-testid=feedback-readonly]"))).noneMatch(WebElement::isDisplayed);
    assertThat(((JavascriptExecutor) b).executeScript("return localStorage.getItem('responder.token')")).isEqualTo(RESPONDER);

    click(b, "[data-testid=reject-button]");
    waitFor(b, "[data-testid=reject-comment]").sendKeys("pool recovers by itself");
    click(b, "[data-testid=reject-confirm]");
    waitForText(b, "[data-testid=approval-decision]", "REJECTED", "by operator");
    assertThat(approvals.find("APR-7").orElseThrow().comment()).isEqualTo("pool recovers by itself");
  }

  @Test
  void tokenChangedBehindThePage_showsThe403_andReReadsTheRole() {
    start(new ApiTokens(Map.of(RESPONDER, Role.RESPONDER, VIEWER, Role.VIEWER)));
    WebDriver b = browser();
    b.get(base + "/#/incidents/INC-7");
    waitFor(b, "[data-testid=auth-panel]");
    useToken(b, RESPONDER);
    waitFor(b, "[data-testid=approve-button]");
    ((JavascriptExecutor) b).executeScript("localStorage.setItem('responder.token', arguments[0])", VIEWER);

    click(b, "[data-testid=approve-button]");
    waitForText(b, "[data-testid=approval-error]", "403", "VIEWER", "needs RESPONDER");
    waitFor(b, "[data-testid=approval-readonly]");
    waitForText(b, "[data-testid=approval-error]", "403");
    assertThat(b.findElements(By.cssSelector("[data-testid=approve-button]"))).isEmpty();
    assertThat(b.findElement(By.cssSelector("[data-testid=role-indicator]")).getText()).isEqualTo("viewer \u00B7 read-only");
    assertThat(approvals.find("APR-7").orElseThrow().state()).isEqualTo(Approval.State.PENDING);
  }

  @Test
  void htmlInIncidentText_isShownAsText() {
    start(ApiTokens.none());
    WebDriver b = browser();
    b.get(base + "/");
    String link = "[data-testid=incident-row][data-incident-id='INC-X'] [data-testid=incident-link]";
    assertThat(waitFor(b, link).getText()).isEqualTo(XSS_TITLE);
    assertThat(b.findElements(By.cssSelector("img"))).isEmpty();

    click(b, link);
    WebElement title = waitFor(b, "[data-testid=incident-title]");
    assertThat(title.getText()).isEqualTo(XSS_TITLE);
    new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> cards(d).size() == 1);
    assertThat(cards(b).getFirst().getText()).contains("<b onmouseover=alert(2)>pool</b>");
    assertThat(b.findElement(By.cssSelector("[data-testid=timeline]")).getText()).contains("<script>alert(3)</script>");
    assertThat(b.findElements(By.cssSelector("img, script:not([src]), b[onmouseover]"))).isEmpty();

    WebElement chart = waitFor(b, "[data-testid=chart] svg");
    assertThat(chart.findElements(By.cssSelector("rect"))).hasSize(1);
    assertThat(b.findElements(By.cssSelector("svg script, svg [onload], svg foreignObject"))).isEmpty();
    WebElement frame = waitFor(b, "[data-testid=postmortem-frame]");
    assertThat(frame.getDomAttribute("sandbox")).isEmpty();
    b.switchTo().frame(frame);
    assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Postmortem of INC-X");
    b.switchTo().defaultContent();
    assertThat(((JavascriptExecutor) b).executeScript("return window.parent.responderPwned || window.responderPwned || null")).isNull();
  }

  @Test
  void assets_areServedWithStrictCspAndNoCache() throws Exception {
    start(ApiTokens.none());
    for (String path : List.of("/", "/index.html", "/app.js", "/app.css")) {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as(path).isEqualTo(200);
      assertThat(res.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      assertThat(res.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
          .contains("default-src 'self'", "script-src 'self'", "frame-src 'self'", "img-src 'self' data:")
          .doesNotContain("unsafe-eval", "http:", "https:"));
    }
    HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("http://", "https://");
  }

  private void start(ApiTokens tokens) {
    db = Stores.openDuckDb(null);
    IncidentEvents events = new IncidentEvents(CLOCK);
    incidents = events.observe(db.incidents());
    approvals = events.observe(db.approvals());
    seed();
    IncidentApi api = IncidentApi.create(incidents, approvals, db.audit(), CLOCK, tokens);
    stream = new EventStream(events, new ApiGuard(tokens), 15);
    app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      api.register(c);
      stream.register(c);
      WebUi.register(c);
      fakeReports(c);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  /**
   * Hostile chart and postmortem markup for INC-X, 404 for the others: the page must strip the script from the SVG
   * and keep the postmortem's script from running.
   */
  private static void fakeReports(JavalinConfig c) {
    c.routes.get(IncidentApi.BASE + "/incidents/{id}/charts", ctx -> {
      if (!ctx.pathParam("id").equals("INC-X")) {
        ctx.status(404).json(Map.of("error", "no charts"));
        return;
      }
      String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" onload=\"window.responderPwned=1\">"
          + "<script>window.responderPwned=2</script><rect width=\"5\" height=\"5\" style=\"fill:#0b5cad\"/></svg>";
      ctx.json(Map.of("charts", List.of(Map.of("title", "error rate", "service", "checkout", "metric", "http.errors", "svg", svg))));
    });
    c.routes.get(IncidentApi.BASE + "/incidents/{id}/postmortem", ctx -> {
      if (!ctx.pathParam("id").equals("INC-X")) {
        ctx.status(404).json(Map.of("error", "no postmortem yet"));
        return;
      }
      ctx.contentType("text/html; charset=utf-8").result("<!DOCTYPE html><html><body><h1>Postmortem of INC-X</h1>"
          + "<script>window.parent.responderPwned=3</script></body></html>");
    });
  }

  private void seed() {
    ServiceId checkout = ServiceId.of("checkout");
    ServiceId payment = ServiceId.of("payment");
    Hypothesis pool = new Hypothesis("H1", "payment connection pool exhausted", payment,
        FaultType.CONNECTION_POOL_EXHAUSTION, Hypothesis.Status.CONFIRMED, 0.92,
        List.of(new Evidence(T0.plusSeconds(90), "pool usage at 100% since 10:01", "query_metrics",
            "pool_usage{service=\"payment\"}", true, 0.9)), "", "investigator");
    Hypothesis deploy = new Hypothesis("H2", "bad deploy of checkout", checkout, FaultType.BAD_DEPLOY,
        Hypothesis.Status.REFUTED, 0.1,
        List.of(new Evidence(T0.plusSeconds(100), "no deploy in the last 6h", "query_changes", "service=checkout", false, 0.8)),
        "", "investigator");
    Incident incident = Incident.open(INCIDENT, "checkout errors", Severity.ERROR, T0, "sig-7", Set.of(checkout, payment))
        .moveTo(IncidentState.INVESTIGATING, T0.plusSeconds(30), "agent started")
        .withHypothesis(pool).withHypothesis(deploy)
        .withDiagnosis(new Diagnosis(payment, FaultType.CONNECTION_POOL_EXHAUSTION, 0.92, "pool exhausted", List.of()),
            T0.plusSeconds(120))
        .moveTo(IncidentState.DIAGNOSED, T0.plusSeconds(121), "root cause found");
    incidents.save(incident);
    Action restart = new Action(ActionKind.RESTART, payment, Map.of(), Risk.LOW, Reversibility.REVERSIBLE, "clear the pool");
    approvals.save(Approval.request("APR-7", INCIDENT, restart, "restart payment to clear its pool", T0.plusSeconds(130)));
    Incident hostile = Incident.open(new IncidentId("INC-X"), XSS_TITLE, Severity.WARN, T0.minusSeconds(60), "sig-x",
            Set.of(checkout))
        .record(new TimelineEntry(T0, "alert", "<script>alert(3)</script>", Map.of("summary", "<i>x</i>")))
        .withHypothesis(new Hypothesis("HX", "<b onmouseover=alert(2)>pool</b>", checkout, FaultType.UNKNOWN,
            Hypothesis.Status.OPEN, 0.3, List.of(), "<img src=y>", "<u>agent</u>"));
    incidents.save(hostile);
  }

  /** Acts as the remediator does: once the restart is approved, mitigates in two saves a moment apart. */
  private void startRemediator() {
    remediator = Thread.ofPlatform().daemon().name("fake-remediator").start(() -> {
      try {
        while (approvals.find("APR-7").orElseThrow().state() == Approval.State.PENDING) {
          Thread.sleep(50);
        }
        Thread.sleep(300);
        Incident mitigating = incidents.find(INCIDENT).orElseThrow()
            .moveTo(IncidentState.MITIGATING, T0.plusSeconds(400), "restart payment approved by operator")
            .record(new TimelineEntry(T0.plusSeconds(401), "action", "restart payment: ok", Map.of()));
        incidents.save(mitigating);
        Thread.sleep(300);
        incidents.save(mitigating.moveTo(IncidentState.MITIGATED, T0.plusSeconds(460), "error rate back to baseline"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        remediatorFailure.set(e);
      }
    });
  }

  private static WebDriver browser() {
    if (browser == null) {
      browser = HeadlessChromium.start();
    }
    return browser;
  }

  private static WebElement waitFor(WebDriver b, String css) {
    return HeadlessChromium.waitFor(b, css, 10);
  }

  private static void click(WebDriver b, String css) {
    HeadlessChromium.click(b, css, 10);
  }

  /**
   * Waits until the element's text contains every part and answers the text, finding the element again when a live
   * update redrew it in between.
   */
  private static String waitForText(WebDriver b, String css, String... parts) {
    return new WebDriverWait(b, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
        .withMessage(() -> css + " with text containing " + List.of(parts))
        .until(d -> {
          String text = d.findElement(By.cssSelector(css)).getText();
          return Arrays.stream(parts).allMatch(text::contains) ? text : null;
        });
  }

  /** Enters a token in the token form the page shows and submits it. */
  private static void useToken(WebDriver b, String token) {
    waitFor(b, "[data-testid=token-input]").sendKeys(token);
    click(b, "[data-testid=token-submit]");
  }

  private static void waitForLive(WebDriver b) {
    new WebDriverWait(b, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(
        By.cssSelector("[data-testid=live-indicator]"), "data-state", "live"));
  }

  private static List<WebElement> cards(WebDriver b) {
    return b.findElements(By.cssSelector("[data-testid=hypothesis-card]"));
  }

  private static String stateBadge(WebDriver b) {
    List<WebElement> badges = b.findElements(By.cssSelector("[data-testid=state-badge]"));
    return badges.isEmpty() ? "" : badges.getFirst().getText();
  }
}
