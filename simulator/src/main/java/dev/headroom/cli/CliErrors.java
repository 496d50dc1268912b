package dev.headroom.cli;

import dev.headroom.engine.config.ConfigException;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.influx.InfluxWriteException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * How the command line reports failures: {@code headroom CMD: what is wrong} in one line (a
 * config file's problems one per line) and a non-zero exit, never a Java stack trace unless asked
 * for ({@code --debug}, {@code HEADROOM_DEBUG=1}). Exit 1: the input or the environment is wrong
 * (a bad file, a flag, a server that does not answer); 2: a bad option (picocli's convention);
 * 3: a bug, said as such.
 */
final class CliErrors {

  static final int USER_ERROR = 1;
  static final int BAD_OPTION = 2;
  static final int BUG = 3;

  private final BooleanSupplier debug;

  CliErrors(BooleanSupplier debug) {
    this.debug = debug;
  }

  int execution(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String message = userMessage(e);
    String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
    if (message != null) {
      err.println(prefix + message);
    } else {
      err.println(prefix + "unexpected error (a bug in headroom): " + oneLine(String.valueOf(e))
          + (debug.getAsBoolean() ? "" : "; run again with --debug (or HEADROOM_DEBUG=1) for the stack trace"));
    }
    if (debug.getAsBoolean()) {
      e.printStackTrace(err);
    }
    err.flush();
    return message != null ? USER_ERROR : BUG;
  }

  int parameters(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
    if (debug.getAsBoolean()) {
      e.printStackTrace(err);
    }
    err.flush();
    return BAD_OPTION;
  }

  /**
   * The message for a problem with the user's input or environment, or null for anything else (a
   * bug). A config file's problems keep their lines: each names file, line and field.
   */
  static String userMessage(Throwable e) {
    String network = network(e);
    return switch (e) {
      case ConfigException config -> config.getMessage();
      case NoSuchFileException f -> "no such file: " + f.getFile();
      case AccessDeniedException f -> "permission denied: " + f.getFile();
      case FileSystemException f -> oneLine(f.getMessage());
      case UncheckedIOException io -> userMessage(io.getCause());
      case InfluxWriteException influx -> oneLine(influx.getMessage());
      case HistorySource.HistoryException history -> oneLine(history.getMessage());
      case IOException io when network != null -> network;
      case IOException io -> oneLine(io.getMessage() != null ? io.getMessage() : io.toString());
      case IllegalArgumentException bad -> oneLine(bad.getMessage());
      case IllegalStateException bad -> oneLine(bad.getMessage());
      default -> network; // such as a client library's exception around a refused connection
    };
  }

  /** "cannot connect (...)" when a connection failure is the root of {@code e}, else null. */
  private static String network(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return "cannot connect: " + oneLine(t.getMessage());
      }
      if (t instanceof UnknownHostException) {
        return "unknown host: " + oneLine(t.getMessage());
      }
      if (t instanceof SocketTimeoutException || (t instanceof InterruptedIOException && "timeout".equals(t.getMessage()))) {
        return "timed out: " + oneLine(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The first line of {@code s}, for a one-line report. */
  static String oneLine(String s) {
    if (s == null || s.isBlank()) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s.strip() : s.substring(0, nl).strip();
  }
}
