package dev.headroom.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed, for tests. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    return withEnv(name -> null, args);
  }

  /** Runs with {@code env} as the environment (for HEADROOM_DEBUG and password variables). */
  static CliRun withEnv(java.util.function.Function<String, String> env, String... args) {
    StringWriter err = new StringWriter();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    int exit;
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      var cli = Main.commandLine(env);
      cli.setErr(new PrintWriter(err, true));
      exit = cli.execute(args);
    } finally {
      System.setOut(saved);
    }
    return new CliRun(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
  }
}
