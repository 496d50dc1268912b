/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

/**
 * The one definition of what Headroom keeps in InfluxDB 1.x. The engine writes it, the importer
 * writes it, the forecaster reads it; nothing else names a measurement, tag or field.
 *
 * <h2>{@value #CALLS}: telemetry, one point per key per interval</h2>
 *
 * <table>
 *   <caption>measurement {@value #CALLS}</caption>
 *   <tr><th>name</th><th>kind</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY}</td><td>tag</td><td>the rate-limit key (tenant, API key, route)</td></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>float field</td><td>requests that arrived in the interval</td></tr>
 *   <tr><td>{@value #ADMITTED}</td><td>float field</td><td>of those, admitted</td></tr>
 *   <tr><td>{@value #REJECTED}</td><td>float field</td><td>of those, rejected</td></tr>
 *   <tr><td>{@value #LATENCY_SUM_MS}</td><td>float field</td><td>sum of measured latencies, ms</td></tr>
 *   <tr><td>{@value #LATENCY_COUNT}</td><td>float field</td><td>how many latencies that sum holds</td></tr>
 * </table>
 *
 * <p>The timestamp is the <em>start</em> of the interval (10 s in the engine by default), written at
 * the coarsest precision that represents it exactly. Every field is a count or a sum, so any coarser
 * step is {@code sum()} per {@code GROUP BY time(step)}, and the mean latency of a step is
 * {@code sum(latency_sum_ms) / sum(latency_count)}: never average the averages. A trace import
 * writes only {@value #REQUESTS}.
 *
 * <p><b>Limit totals.</b> For a limit whose keys carry descriptor values ({@code limit|value...}) the
 * engine also writes the limit's total under the bare limit name, which no such key can have: the
 * series the limit's shared forecast is fitted on (small keys follow their share of it). A query
 * that sums over keys selects {@code "key" =~ /\|/} so as not to count a request twice.
 *
 * <p><b>Missing is not zero.</b> An interval the engine saw no traffic in is written as zeros; an
 * interval with no point at all means nobody was measuring (engine down, telemetry lost, a gap in a
 * trace) and reads back as NaN. Writers therefore never invent points for gaps.
 *
 * <p>All fields are floats, even the counts: InfluxDB fixes a field's type per shard on its first
 * write, so the engine (integer counts) and the importer (traces may hold fractional rates) must
 * agree, and a float64 holds every count below 2<sup>53</sup> exactly.
 *
 * <h2>{@value #FORECAST}: forecasts written back, one point per key, model and forecast step</h2>
 *
 * <table>
 *   <caption>measurement {@value #FORECAST}</caption>
 *   <tr><th>name</th><th>kind</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY}</td><td>tag</td><td>the key forecast</td></tr>
 *   <tr><td>{@value #MODEL}</td><td>tag</td><td>the model that made it</td></tr>
 *   <tr><td>{@value #MEAN}, {@value #P50}, {@value #P90}, {@value #P99}</td><td>float fields</td>
 *       <td>point forecast and quantiles of {@value #REQUESTS} per step</td></tr>
 *   <tr><td>{@value #LEAD}</td><td>integer field</td>
 *       <td>steps ahead of the forecast origin (1 = the first interval forecast)</td></tr>
 *   <tr><td>{@value #STEP_MS}</td><td>integer field</td><td>the step, ms</td></tr>
 *   <tr><td>{@value #ORIGIN_MS}</td><td>integer field</td>
 *       <td>start of the first forecast interval, epoch ms: which run wrote the point</td></tr>
 * </table>
 *
 * <p>The timestamp is the start of the interval forecast, so a dashboard plots {@value #FORECAST}
 * and {@value #CALLS} on one time axis. A newer forecast of the same key and model overwrites the
 * older one's points (same series, same time), keeping the series count at keys x models; the
 * {@value #LEAD} and {@value #ORIGIN_MS} fields tell how far ahead each surviving point was made.
 * Quantiles that are NaN are left out of the point.
 */
public final class InfluxSchema {

  /** Telemetry measurement. */
  public static final String CALLS = "calls";
  /** Forecast measurement. */
  public static final String FORECAST = "forecast";

  /** Tag: the rate-limit key, on both measurements. */
  public static final String KEY = "key";
  /** Tag on {@value #FORECAST}: model name. */
  public static final String MODEL = "model";

  public static final String REQUESTS = "requests";
  public static final String ADMITTED = "admitted";
  public static final String REJECTED = "rejected";
  public static final String LATENCY_SUM_MS = "latency_sum_ms";
  public static final String LATENCY_COUNT = "latency_count";

  public static final String MEAN = "mean";
  public static final String P50 = "p50";
  public static final String P90 = "p90";
  public static final String P99 = "p99";
  public static final String LEAD = "lead";
  public static final String STEP_MS = "step_ms";
  public static final String ORIGIN_MS = "origin_ms";

  private InfluxSchema() {}
}
