package dev.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code headroom} command line. Thin by design: each subcommand parses options, calls one
 * module's API and prints; no logic lives here.
 */
@Command(
    name = "headroom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Predictive adaptive throttling: forecast traffic and move rate limits ahead of the peak.",
    subcommands = {VersionCommand.class, ServeCommand.class, ForecastCommand.class, ImportCommand.class, SimulateCommand.class, WhatIfCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
        "",
        "The launcher itself also runs:",
        "  test       install what the tests need (influxd, redis-server), then run unit and integration tests"
    })
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command tree; tests drive it directly. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::explain);
  }

  /**
   * Problems with the user's input or environment (a bad trace line, a missing file, InfluxDB
   * down) are reported in one line that names what is wrong, with exit status 1; anything else is
   * a bug and keeps its stack trace.
   */
  private static int explain(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String message = switch (e) {
      case java.nio.file.NoSuchFileException f -> "no such file: " + f.getFile();
      case java.nio.file.AccessDeniedException f -> "permission denied: " + f.getFile();
      case java.io.IOException io -> io.getMessage();
      case dev.headroom.engine.config.ConfigException config -> config.getMessage();
      case java.io.UncheckedIOException io -> io.getCause().getMessage();
      case IllegalArgumentException bad -> bad.getMessage();
      case IllegalStateException bad -> bad.getMessage();
      default -> null;
    };
    if (message == null) {
      throw new RuntimeException(e);
    }
    cmd.getErr().println(cmd.getCommandName() + ": " + message);
    return 1;
  }
}
