/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/**
 * Real servers for integration tests: {@link dev.headroom.testsupport.InfluxServer} (influxd,
 * InfluxDB 1.x) and {@link dev.headroom.testsupport.RedisServer} (redis-server), started as child
 * processes on free 127.0.0.1 ports, each in a temporary folder that is deleted afterwards.
 *
 * <p>In JUnit 5 tests, put {@code @ExtendWith(InfluxExtension.class)} or
 * {@code @ExtendWith(RedisExtension.class)} on the class and declare a parameter of the server's
 * type: one server per test JVM is started on first use and stopped at the end of the run. Name
 * such test classes {@code *IT} so that failsafe, not surefire, runs them ({@code mvn verify}).
 *
 * <p>The binaries are looked up on PATH; without them the tests fail with a message naming the
 * Debian package to install ({@code ./headroom test} installs them). Every wait has a deadline
 * (30 s to start, 10 s to stop before SIGKILL) and every network call a timeout. A JVM shutdown
 * hook kills servers still running at exit, and a new run removes what a killed JVM left behind.
 *
 * <p>This package ships in the forecaster module's test-jar.
 */
package dev.headroom.testsupport;
