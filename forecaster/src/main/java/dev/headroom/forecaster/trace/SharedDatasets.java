package dev.headroom.forecaster.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the folder of real public traces ({@code shared/datasets}, described by its SOURCES.md),
 * which is never copied into the repository: benchmarks and integration tests use it when present.
 */
public final class SharedDatasets {

  /** System property that overrides the location. */
  public static final String PROPERTY = "headroom.datasets";
  /** Where the folder is on the team's machines when not next to the repository. */
  static final Path FALLBACK = Path.of("/work/shared/datasets");

  private SharedDatasets() {}

  /**
   * The folder: the {@value #PROPERTY} system property when set, else {@code ../shared/datasets}
   * relative to the repository root (the nearest folder above the working directory holding a
   * {@code pom.xml} and a {@code forecaster} module), else {@code /work/shared/datasets}.
   */
  public static Path location() {
    String override = System.getProperty(PROPERTY);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("forecaster"))) {
        Path beside = p.resolve("../shared/datasets").normalize();
        if (Files.isDirectory(beside)) {
          return beside;
        }
        break;
      }
    }
    return FALLBACK;
  }

  /** The folder when it exists. */
  public static Optional<Path> find() {
    Path p = location();
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }
}
