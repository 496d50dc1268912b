package dev.headroom.bench.forecast;

/**
 * The scores of one forecast over one horizon (its first {@code steps} points), or their mean over
 * origins.
 *
 * @param label such as {@code 1h}
 * @param mase mean absolute error over the seasonal-naive in-sample scale
 * @param smape sMAPE in percent
 * @param p90Coverage percent of actual values at or below the P90 bound
 * @param p99Coverage percent of actual values at or below the P99 bound
 */
public record HorizonScore(String label, int steps, double mase, double smape, double p90Coverage,
    double p99Coverage) {}
