package dev.responder.store.clickhouse;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away clickhouse-server for one test class: a minimal 18.16 config ({@code <yandex>} root) under a
 * temporary folder, HTTP and native ports picked free on 127.0.0.1, data and logs inside the folder, which is
 * deleted on {@link #close()}. 18.16 runs as root without complaint (it only insists on owning its data folder,
 * which it does here because it creates it), so no user switch is needed.
 */
final class ClickHouseTestServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/clickhouse-server");
  static final String REQUIRE_ENV = "RESPONDER_REQUIRE_CLICKHOUSE";
  static final String SKIP_MESSAGE =
      "clickhouse-server not installed (apt-get install -y clickhouse-server); skipping ClickHouse contract tests";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final Process process;
  private final URI endpoint;

  private ClickHouseTestServer(Path dir, Process process, URI endpoint) {
    this.dir = dir;
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Skips the calling test (JUnit assumption) when {@code binary} is missing, unless {@code env} sets
   * {@value #REQUIRE_ENV}=1, as CI does, in which case the test fails.
   */
  static void requireInstalled(Path binary, Map<String, String> env) {
    if (Files.isExecutable(binary)) {
      return;
    }
    if ("1".equals(env.get(REQUIRE_ENV))) {
      fail(SKIP_MESSAGE.replace("; skipping", "; " + REQUIRE_ENV + "=1 forbids skipping") + " (looked for " + binary + ")");
    }
    Assumptions.abort(SKIP_MESSAGE);
  }

  /**
   * Starts a server, or skips the caller's tests when there is none installed (see {@link #requireInstalled}).
   * A start whose server exits early is retried with new ports, since another process may take a port between
   * picking it and the server binding it.
   */
  static ClickHouseTestServer start() {
    requireInstalled(BINARY, System.getenv());
    String failure = "";
    for (int attempt = 1; attempt <= 3; attempt++) {
      ClickHouseTestServer server = launch();
      String problem = server.awaitPing();
      if (problem.isEmpty()) {
        return server;
      }
      failure = problem;
      boolean exited = !server.process.isAlive();
      server.close();
      if (!exited) {
        break;
      }
    }
    return fail(failure);
  }

  private static ClickHouseTestServer launch() {
    try {
      Path dir = Files.createTempDirectory("responder-clickhouse-");
      int httpPort = freePort();
      Path config = writeConfig(dir, httpPort, freePort());
      Process process = new ProcessBuilder(BINARY.toString(), "--config-file=" + config)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("console.log").toFile())
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new ClickHouseTestServer(dir, process, URI.create("http://127.0.0.1:" + httpPort));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare clickhouse-server", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  /** A database name not used before in this JVM, so each test starts empty. */
  static String freshDatabase() {
    return "test_" + DATABASES.incrementAndGet();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server gracefully; it waits for open client connections for a while, so this can take seconds. */
  @Override
  public void close() {
    stop(false);
  }

  /** Kills the server at once, as a crash or an unplugged cable would. */
  void crash() {
    stop(true);
  }

  private void stop(boolean kill) {
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dir);
  }

  /** Waits until the server answers {@code /ping}; returns what went wrong with the log tail, or "" when it is up. */
  private String awaitPing() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          HttpResponse<String> response = client.send(ping, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().strip().equals("Ok.")) {
            return "";
          }
        } catch (IOException notYet) {
          // the server is still starting
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String why = process.isAlive() ? "did not answer /ping within " + START_TIMEOUT
        : "exited with code " + process.exitValue();
    return "clickhouse-server at " + endpoint + " " + why + "; log tail:\n" + tail(dir.resolve("server.log"))
        + tail(dir.resolve("server.err.log")) + tail(dir.resolve("console.log"));
  }

  private static Path writeConfig(Path dir, int httpPort, int tcpPort) throws IOException {
    for (String sub : List.of("data", "tmp", "user_files", "format_schemas")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Path users = dir.resolve("users.xml");
    Files.writeString(users, """
        <?xml version="1.0"?>
        <yandex>
          <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
          <users>
            <default>
              <password></password>
              <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
            <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
        </yandex>
        """, StandardCharsets.UTF_8);
    Path config = dir.resolve("config.xml");
    Files.writeString(config, """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>warning</level>
            <log>%1$s/server.log</log>
            <errorlog>%1$s/server.err.log</errorlog>
            <size>10M</size>
            <count>1</count>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <user_files_path>%1$s/user_files/</user_files_path>
          <format_schema_path>%1$s/format_schemas/</format_schema_path>
          <users_config>%4$s</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <mark_cache_size>67108864</mark_cache_size>
          <uncompressed_cache_size>67108864</uncompressed_cache_size>
          <keep_alive_timeout>30</keep_alive_timeout>
          <max_concurrent_queries>100</max_concurrent_queries>
        </yandex>
        """.formatted(dir, httpPort, tcpPort, users), StandardCharsets.UTF_8);
    return config;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- " + file.getFileName() + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
          lines.size())) + "\n";
    } catch (IOException e) {
      return "--- " + file.getFileName() + ": " + e.getMessage() + "\n";
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless; the next run uses a new one
    }
  }
}
