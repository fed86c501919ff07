package dev.responder.app.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The operator console: a static single-page app ({@code index.html}, {@code app.css}, {@code app.js}) packaged in
 * the jar under {@code /web} and served at {@code /}. It talks only to the incident API under {@value IncidentApi#BASE}
 * of the same process, so it needs no build step and fetches nothing from elsewhere.
 *
 * <p>Every asset is sent with {@code Cache-Control: no-cache} (a browser revalidates after an upgrade instead of
 * running an old script against a new API) and a strict Content-Security-Policy: scripts only from this origin and
 * never {@code eval}, so text that reached an incident from telemetry cannot run even if a rendering bug let it into
 * the page as markup. Inline styles stay allowed because the server's chart SVG carries style attributes.
 */
public final class WebUi {
  /** The classpath folder the assets are packaged in. */
  public static final String RESOURCES = "/web";
  /** The policy sent with every asset. */
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'");

  private WebUi() {}

  /** Serves the assets at {@code /}; adds no routes under {@value IncidentApi#BASE}. */
  public static void register(JavalinConfig config) {
    config.staticFiles.add(sf -> {
      sf.hostedPath = "/";
      sf.directory = RESOURCES;
      sf.location = Location.CLASSPATH;
      sf.headers = Map.of(
          "Cache-Control", "no-cache",
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer");
    });
  }
}
