package dev.responder.app.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian-packaged headless Chromium driven through its chromedriver, for the browser tests. Selenium is given
 * both paths, so Selenium Manager never tries the network. Without the packages the test is skipped with a message,
 * unless {@code RESPONDER_REQUIRE_BROWSER=1} (CI), when it fails.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

  private HeadlessChromium() {}

  /** A new headless browser; the caller quits it. */
  public static WebDriver start() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "1".equals(System.getenv("RESPONDER_REQUIRE_BROWSER"))) {
      fail("RESPONDER_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing: install them with 'apt-get install chromium chromium-driver'");
    }
    assumeTrue(installed, "skipping browser test: " + CHROMIUM + " or " + CHROMEDRIVER
        + " is missing (apt-get install chromium chromium-driver; set RESPONDER_REQUIRE_BROWSER=1 to fail instead)");
    CDP_LOG.setLevel(Level.SEVERE);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** Waits up to {@code seconds} for a visible element matching {@code css}. */
  public static WebElement waitFor(WebDriver b, String css, int seconds) {
    return new WebDriverWait(b, Duration.ofSeconds(seconds)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Clicks the element, finding it again if a live update replaced it in between. */
  public static void click(WebDriver b, String css, int seconds) {
    new WebDriverWait(b, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }
}
