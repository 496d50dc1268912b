package dev.headroom.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code headroom version}: the Headroom version and the Java runtime it runs on. */
@Command(name = "version", description = "Print the Headroom version and the Java runtime.")
public final class VersionCommand implements Runnable {

  @Override
  public void run() {
    System.out.println(versionLine());
  }

  static String versionLine() {
    String version = Main.class.getPackage().getImplementationVersion();
    return "headroom " + (version == null ? "(development build)" : version)
        + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + ")";
  }

  /** Serves {@code headroom --version} with the same line. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }
  }
}
