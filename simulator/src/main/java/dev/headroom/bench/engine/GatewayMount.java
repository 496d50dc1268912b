/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.bench.engine;

import dev.headroom.engine.service.Engine;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Finds the gateway handler ({@code dev.headroom.engine.gateway.GatewayHandler}, constructed from
 * the Vert.x instance and the engine) by name, so that the benchmark builds and runs before gateway
 * mode exists and measures it as soon as it does. When it is absent the gateway rows say so; they
 * are never filled with anything else.
 */
final class GatewayMount {

  static final String CLASS = "dev.headroom.engine.gateway.GatewayHandler";

  private GatewayMount() {}

  /** The factory HeadroomServer takes, or why there is none. */
  static Optional<BiFunction<Vertx, Engine, Handler<HttpServerRequest>>> factory(StringBuilder why) {
    Class<?> type;
    try {
      type = Class.forName(CLASS, false, GatewayMount.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      why.append("gateway mode is not in this build (no class ").append(CLASS).append(")");
      return Optional.empty();
    }
    if (!Handler.class.isAssignableFrom(type)) {
      why.append(CLASS).append(" is not a Vert.x Handler<HttpServerRequest>");
      return Optional.empty();
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor(Vertx.class, Engine.class);
    } catch (NoSuchMethodException e) {
      why.append(CLASS).append(" has no public (Vertx, Engine) constructor");
      return Optional.empty();
    }
    return Optional.of((vertx, engine) -> {
      try {
        @SuppressWarnings("unchecked")
        Handler<HttpServerRequest> h = (Handler<HttpServerRequest>) constructor.newInstance(vertx, engine);
        return h;
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("constructing " + CLASS + " failed: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("constructing " + CLASS + " failed: " + e, e);
      }
    });
  }
}
