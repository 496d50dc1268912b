/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

/**
 * What a sink has done since it started, in points (one point = one key's interval); for /metrics.
 *
 * @param writtenPoints  stored on first try
 * @param spooledPoints  put in the spool file (InfluxDB down, or the write queue full)
 * @param replayedPoints written from the spool once InfluxDB answered again
 * @param droppedPoints  lost: the spool was full (or the embedded history refused them)
 * @param rejectedPoints refused by InfluxDB as bad data (e.g. a field type conflict); not retried
 * @param queueDepth     batches waiting for the writer thread now
 * @param spoolBytes     size of the spool file now, header included (0 without one)
 * @param outage         whether the sink currently believes InfluxDB is unreachable
 */
public record SinkCounters(long writtenPoints, long spooledPoints, long replayedPoints, long droppedPoints,
    long rejectedPoints, int queueDepth, long spoolBytes, boolean outage) {}
