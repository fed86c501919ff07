package dev.responder.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.responder.app.server.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's main command as a person uses it, with nothing simulated but the shop: {@code responder demo}
 * serves the UI, the real remediator waits for a decision, a person opens the incident in a browser, sees the
 * hypotheses, approves the proposed action, and watches the incident become MITIGATED.
 */
class DemoInBrowserTest {

  @Test
  void approvingInTheBrowser_letsTheDemoMitigate(@TempDir Path dir) throws Exception {
    WebDriver b = HeadlessChromium.start();
    BackgroundCommand demo = BackgroundCommand.start("demo", "--fault", "bad_deploy-checkout-mitigation", "--seed", "1",
        "--out", dir.toString(), "--port", "0");
    try {
      String incidentPage = new WebDriverWait(b, Duration.ofSeconds(60)).until(d -> {
        Matcher m = Pattern.compile("approve in the web UI at (http://\\S+/#/incidents/INC-[0-9a-f]+)").matcher(demo.out());
        return m.find() ? m.group(1) : null;
      });
      b.get(incidentPage.substring(0, incidentPage.indexOf("/#/")) + "/");
      String id = incidentPage.substring(incidentPage.lastIndexOf('/') + 1);
      HeadlessChromium.click(b, "[data-testid=incident-row][data-incident-id='" + id + "'] [data-testid=incident-link]", 20);
      HeadlessChromium.waitFor(b, "[data-testid=hypothesis-card]", 20);
      assertThat(b.findElements(By.cssSelector("[data-testid=hypothesis-card]")).size()).isGreaterThan(1);
      assertThat(b.findElement(By.cssSelector("[data-testid=hypothesis-board]")).getText()).contains("checkout");
      assertThat(HeadlessChromium.waitFor(b, "[data-testid=activity]", 20).getText())
          .as("the investigation's tool calls, replayed to a page opened after them").contains("rank_root_causes");
      assertThat(b.findElement(By.cssSelector("[data-testid=state-badge]")).getText()).isIn("DIAGNOSED", "MITIGATING");
      assertThat(HeadlessChromium.waitFor(b, "[data-testid=approval-card][data-state=PENDING]", 20).getText()).contains("rollback checkout");
      HeadlessChromium.click(b, "[data-testid=approve-button]", 20);
      new WebDriverWait(b, Duration.ofSeconds(60)).until(d ->
          "MITIGATED".equals(d.findElement(By.cssSelector("[data-testid=state-badge]")).getText()));
      new WebDriverWait(b, Duration.ofSeconds(30)).until(d -> demo.out().contains("outcome:     MITIGATED"));
      assertThat(b.findElement(By.cssSelector("[data-testid=timeline]")).getText()).contains("APPROVED");
      HeadlessChromium.waitFor(b, "[data-testid=chart] svg", 20);
    } finally {
      b.quit();
      demo.close();
    }
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("oracle:      mitigated=true");
  }
}
