package dev.headroom.cli;

import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
        "Errors are reported in one line; -X/--debug (or HEADROOM_DEBUG=1) adds the Java stack trace.",
        "",
        "The launcher itself also runs:",
        "  test       install what the tests need (influxd, redis-server), then run unit and integration tests"
    })
public final class Main implements Runnable {

  /** Set to 1 (or true) for stack traces without {@code --debug}. */
  static final String DEBUG_ENV = "HEADROOM_DEBUG";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Accepted before or after the subcommand's name. */
  @Option(names = {"-X", "--debug"}, scope = ScopeType.INHERIT,
      description = "On an error, print the Java stack trace too (as HEADROOM_DEBUG=1 does).")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command tree; tests drive it directly. */
  public static CommandLine commandLine() {
    return commandLine(System::getenv);
  }

  /** The command tree reading the environment through {@code env} (for {@value #DEBUG_ENV}). */
  static CommandLine commandLine(Function<String, String> env) {
    Main main = new Main();
    CliErrors errors = new CliErrors(() -> main.debug || isSet(env.apply(DEBUG_ENV)));
    return new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors::execution)
        .setParameterExceptionHandler(errors::parameters);
  }

  private static boolean isSet(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
  }
}
