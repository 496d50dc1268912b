/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.util.Optional;

/**
 * The limit a request falls under, its bucket key and its priority class.
 *
 * @param key      {@code limitName|part1|part2...}: unique per limit and per combination of parts
 * @param priority empty when the limit has no priority classes
 */
public record Match(LimitConfig limit, String key, Optional<PriorityClass> priority) {}
