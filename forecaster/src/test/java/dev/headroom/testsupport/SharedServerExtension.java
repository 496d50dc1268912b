/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of one {@link LocalServer} type to a server shared by the whole test run:
 * launched on first use, kept in the root {@code ExtensionContext} store (which closes it, stopping
 * the process and deleting its folder, when the run ends), and started again if a test stopped it.
 */
abstract class SharedServerExtension<S extends LocalServer> implements ParameterResolver {

  private final Class<S> type;
  private final Supplier<S> launcher;

  SharedServerExtension(Class<S> type, Supplier<S> launcher) {
    this.type = type;
    this.launcher = launcher;
  }

  @Override
  public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context, type, launcher);
  }

  static <S extends LocalServer> S shared(ExtensionContext context, Class<S> type, Supplier<S> launcher) {
    S server = context.getRoot().getStore(Namespace.create(SharedServerExtension.class, type))
        .getOrComputeIfAbsent(type, key -> launcher.get(), type);
    server.start(); // does nothing if running; revives it if a test stopped it and did not restart it
    return server;
  }
}
