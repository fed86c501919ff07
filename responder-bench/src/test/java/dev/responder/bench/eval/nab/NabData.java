package dev.responder.bench.eval.nab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the public NAB data: {@code ../shared/data/nab} next to the project root (the folder with the launcher). */
final class NabData {
  private NabData() {}

  static Path nabOrSkip() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("responder"))) {
      dir = dir.getParent();
    }
    Path nab = dir == null ? null : dir.resolve("../shared/data/nab").normalize();
    assumeTrue(nab != null && Files.isDirectory(nab.resolve("results")),
        "NAB data not found at ../shared/data/nab relative to the project root; skipping the NAB checks");
    return nab;
  }
}
