/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Loads Headroom's YAML configuration. The document is composed into SnakeYAML nodes, never into
 * Java objects (no class is ever instantiated from the file), and read from the nodes so that every
 * value keeps its line: each problem is reported as {@code FILE:LINE: path: what is wrong}, and all
 * of them together in one {@link ConfigException}.
 */
public final class ConfigLoader {

  /** The embedded configuration {@code headroom serve} runs on without a file. */
  public static final String DEFAULT_RESOURCE = "headroom-default.yaml";
  /** A config file is a few kilobytes; a much larger one is a mistake (or an attack on the parser). */
  private static final int MAX_CODE_POINTS = 1 << 20;

  private final Function<String, String> env;
  private final Supplier<String> tokens;

  /** Reads the admin token's environment variable from the process, and generates tokens securely. */
  public ConfigLoader() {
    this(System::getenv, ConfigLoader::randomToken);
  }

  /** For tests and embedding: where environment variables come from and how tokens are generated. */
  public ConfigLoader(Function<String, String> env, Supplier<String> tokens) {
    this.env = Objects.requireNonNull(env, "env");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** Loads {@code file}; messages name it as given (e.g. {@code headroom.yaml:14: ...}). */
  public HeadroomConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, "",
          "cannot read the configuration file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
    }
    return parse(text, file.toString());
  }

  /** The embedded default configuration. */
  public HeadroomConfig loadDefault() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the embedded " + DEFAULT_RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "embedded " + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the embedded " + DEFAULT_RESOURCE, e);
    }
  }

  /** Parses {@code yaml}, naming it {@code fileName} in messages. */
  public HeadroomConfig parse(String yaml, String fileName) {
    Problems problems = new Problems(fileName);
    Node root = compose(yaml, problems);
    if (root == null) {
      if (problems.isEmpty()) {
        problems.add(null, "", "the file is empty; it needs at least a limits list");
      }
      problems.throwIfAny();
    }
    HeadroomConfig config = new ConfigReader(env, tokens).read(new Value(root, "", problems), fileName);
    problems.throwIfAny();
    return config;
  }

  private static Node compose(String yaml, Problems problems) {
    // Merge keys are resolved while composing, which never ends on an anchor used inside itself:
    // compose without merging first, and refuse a cycle before composing again with merging.
    Node plain = compose(yaml, problems, false);
    if (plain == null) {
      return null;
    }
    Node cycle = AliasCycles.find(plain);
    if (cycle != null) {
      String anchor = cycle.getAnchor() == null ? "this value's anchor" : "anchor &" + cycle.getAnchor();
      problems.add(cycle.getStartMark(), "", anchor + " is used inside itself: a recursive value has no end");
      return null;
    }
    return compose(yaml, problems, true);
  }

  private static Node compose(String yaml, Problems problems, boolean merge) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    // Merge keys (<<: *defaults) are resolved while composing, so shared limit settings work.
    options.setMergeOnCompose(merge);
    DumperOptions dumper = new DumperOptions();
    Yaml parser = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    try {
      return parser.compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      String message = "not valid YAML: " + e.getProblem()
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")");
      problems.add(e.getProblemMark(), "", message);
      return null;
    } catch (YAMLException e) {
      problems.add(null, "", "not valid YAML: " + e.getMessage());
      return null;
    }
  }

  /** 24 random bytes, base64url: 32 characters, 192 bits. */
  static String randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
