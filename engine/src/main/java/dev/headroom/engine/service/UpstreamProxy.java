/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.service;

import dev.headroom.engine.config.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The gateway as the server mounts it: it answers the paths its upstreams' routes cover, and takes
 * new upstreams when the configuration is reloaded. The service package knows it only by this
 * interface; the gateway package builds it.
 */
public interface UpstreamProxy {

  /**
   * Takes {@code req} when an upstream's route covers its path, and answers it; false, with the
   * request untouched, when none does.
   */
  boolean offer(HttpServerRequest req);

  /**
   * Puts {@code upstreams} in force for requests that arrive from now on. An upstream whose
   * configuration is unchanged keeps its waiting room and its provider pacing; requests already in
   * flight finish on the upstream they started with.
   */
  void reconfigure(List<UpstreamConfig> upstreams);

  /** Closes the connections to the upstreams. */
  Future<Void> close();
}
