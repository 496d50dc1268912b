package dev.headroom.cli;

import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where InfluxDB 1.x is; shared by the commands that read or write it. */
public final class InfluxInput {

  @Option(names = "--influx", paramLabel = "URL", description = "InfluxDB 1.x HTTP address, such as http://127.0.0.1:8086.")
  String url;

  @Option(names = "--db", paramLabel = "NAME", description = "InfluxDB database.")
  String database;

  @Option(names = "--influx-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = ShortDuration.class,
      description = "Read timeout of each InfluxDB call (default: ${DEFAULT-VALUE}; connecting gives up after 2 s).")
  Duration readTimeout;

  boolean given() {
    return url != null;
  }

  InfluxEndpoint endpoint() {
    return InfluxEndpoint.of(url, database).withTimeouts(InfluxEndpoint.DEFAULT_CONNECT_TIMEOUT, readTimeout);
  }
}
