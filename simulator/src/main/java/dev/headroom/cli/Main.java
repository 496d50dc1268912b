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
    subcommands = {VersionCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
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
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
