package dev.headroom.cli;

import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where InfluxDB 1.x is, and who to log in as; shared by the commands that read or write it. */
public final class InfluxInput {

  /** Read for the password when {@code --influx-password-env} does not name another variable. */
  static final String DEFAULT_PASSWORD_ENV = "HEADROOM_INFLUX_PASSWORD";

  @Option(names = "--influx", paramLabel = "URL", description = "InfluxDB 1.x HTTP address, such as http://127.0.0.1:8086.")
  String url;

  @Option(names = "--db", paramLabel = "NAME", description = "InfluxDB database (created if missing and the user may).")
  String database;

  @Option(names = "--influx-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = ShortDuration.class,
      description = "Read timeout of each InfluxDB call (default: ${DEFAULT-VALUE}; connecting gives up after 2 s).")
  Duration readTimeout;

  @Option(names = "--influx-user", paramLabel = "USER",
      description = "InfluxDB user, for a server with authentication; the password is read from an environment variable.")
  String user;

  @Option(names = "--influx-password-env", paramLabel = "VAR", defaultValue = DEFAULT_PASSWORD_ENV,
      description = "Environment variable holding the --influx-user's password (default: ${DEFAULT-VALUE}). "
          + "Never a flag: command lines are visible to every user of the machine.")
  String passwordEnv;

  boolean given() {
    return url != null;
  }

  InfluxEndpoint endpoint() {
    return endpoint(System::getenv);
  }

  InfluxEndpoint endpoint(Function<String, String> env) {
    Duration connect = InfluxEndpoint.DEFAULT_CONNECT_TIMEOUT.compareTo(readTimeout) < 0
        ? InfluxEndpoint.DEFAULT_CONNECT_TIMEOUT : readTimeout; // a short --influx-timeout also bounds connecting
    InfluxEndpoint e = InfluxEndpoint.of(url, database).withTimeouts(connect, readTimeout);
    if (user == null) {
      return e;
    }
    String password = env.apply(passwordEnv);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("--influx-user " + user + " needs its password in the environment variable "
          + passwordEnv + ", which is not set");
    }
    return e.withCredentials(user, password);
  }
}
