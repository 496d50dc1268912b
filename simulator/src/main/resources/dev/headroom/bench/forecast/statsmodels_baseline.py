"""statsmodels baselines for `headroom bench forecast` (Java: StatsmodelsBaseline).

Usage: statsmodels_baseline.py --version
       statsmodels_baseline.py INPUT_DIR OUTPUT_FILE

INPUT_DIR/rows.tsv has one line per protocol row, tab-separated:
    row_id  season_m  max_horizon  origins(comma-separated)  values_file
where values_file (in INPUT_DIR) holds the row's whole series, one value per line. At each origin
both models are fitted on the values before it (expanding window) and forecast max_horizon steps:

  statsmodels-hw         ExponentialSmoothing(trend='add', damped_trend=True, seasonal='add',
                         seasonal_periods=m, initialization_method='estimated').fit()
  statsmodels-stl-arima  STLForecast(y, ARIMA, model_kwargs={'order': (1, 0, 0)}, period=m).fit()

exactly as shared/FORECAST_PROTOCOL.md describes them (defaults otherwise).

OUTPUT_FILE gets one tab-separated line per fit, written and flushed as each fit ends (so a run cut
short by the caller's timeout keeps what it finished):
    row_id  origin  method  ok     fit_s  bound_s  warnings  mean  p90  p99
    row_id  origin  method  error  message
mean, p90 and p99 are comma-separated (repr floats); fit_s is the wall time of fit() plus the point
forecast; bound_s that of the P90/P99 bounds (reported apart so the fit time compares like with
like). Progress lines go to stderr.

Bounds:
  - STL+ARIMA: statsmodels' own prediction intervals (get_prediction().summary_frame(alpha)); the
    P90 bound is the upper end of the two-sided 80% interval (alpha=0.2), the P99 bound that of the
    98% interval (alpha=0.02), both Gaussian.
  - Holt-Winters: HoltWintersResults has no prediction intervals in statsmodels 0.13, so the bounds
    are the 0.90 and 0.99 quantiles, per step, of 1000 paths from its own simulate() (additive
    Gaussian errors with the fit's residual variance, fixed seed).
"""
import os

# One thread, as the protocol times fits; must be set before numpy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import sys
import time
import warnings

try:
    import numpy as np
    import statsmodels
    from statsmodels.tsa.arima.model import ARIMA
    from statsmodels.tsa.forecasting.stl import STLForecast
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
except ImportError as e:  # the Java side reports this as the reason the rows were skipped
    sys.stderr.write("statsmodels is not importable by %s (%s): %s\n" % (sys.executable, sys.version.split()[0], e))
    sys.exit(3)

SIMULATIONS = 1000
SEED = 20251126


def holt_winters(y, m, horizon):
    t0 = time.perf_counter()
    fit = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=m,
                               initialization_method="estimated").fit()
    mean = np.asarray(fit.forecast(horizon), dtype=float)
    t1 = time.perf_counter()
    paths = np.asarray(fit.simulate(horizon, repetitions=SIMULATIONS, anchor="end", error="add",
                                    random_state=SEED), dtype=float).reshape(horizon, SIMULATIONS)
    p90 = np.quantile(paths, 0.90, axis=1)
    p99 = np.quantile(paths, 0.99, axis=1)
    return mean, p90, p99, t1 - t0, time.perf_counter() - t1


def stl_arima(y, m, horizon):
    n = len(y)
    t0 = time.perf_counter()
    fit = STLForecast(y, ARIMA, model_kwargs={"order": (1, 0, 0)}, period=m).fit()
    mean = np.asarray(fit.forecast(horizon), dtype=float)
    t1 = time.perf_counter()
    prediction = fit.get_prediction(start=n, end=n + horizon - 1)
    p90 = np.asarray(prediction.summary_frame(alpha=0.2)["mean_ci_upper"], dtype=float)
    p99 = np.asarray(prediction.summary_frame(alpha=0.02)["mean_ci_upper"], dtype=float)
    return mean, p90, p99, t1 - t0, time.perf_counter() - t1


METHODS = (("statsmodels-hw", holt_winters), ("statsmodels-stl-arima", stl_arima))


def numbers(a):
    return ",".join(repr(float(x)) for x in a)


def clean(text):
    return " ".join(str(text).split())


def main(input_dir, output_file):
    with open(os.path.join(input_dir, "rows.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    fits = sum(len(r[3].split(",")) for r in rows) * len(METHODS)
    done = 0
    with open(output_file, "w") as out:
        for row_id, m, horizon, origins, values_file in rows:
            m, horizon = int(m), int(horizon)
            y_all = np.loadtxt(os.path.join(input_dir, values_file), dtype=float, ndmin=1)
            for origin in (int(o) for o in origins.split(",")):
                y = y_all[:origin]
                for name, method in METHODS:
                    done += 1
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always")
                        try:
                            mean, p90, p99, fit_s, bound_s = method(y, m, horizon)
                            bad = not (np.all(np.isfinite(mean)) and np.all(np.isfinite(p90))
                                       and np.all(np.isfinite(p99)))
                            error = "non-finite forecast or bound" if bad else None
                        except Exception as e:  # reported per fit; the other fits go on
                            error = "%s: %s" % (type(e).__name__, clean(e))
                    kinds = sorted({w.category.__name__ for w in caught})
                    if error is None:
                        out.write("\t".join([row_id, str(origin), name, "ok", repr(fit_s), repr(bound_s),
                                             ",".join(kinds) or "-", numbers(mean), numbers(p90),
                                             numbers(p99)]) + "\n")
                        status = "%.2f s" % fit_s
                    else:
                        out.write("\t".join([row_id, str(origin), name, "error", error]) + "\n")
                        status = "error: " + error
                    out.flush()
                    sys.stderr.write("[%d/%d] %s origin %d %s: %s%s\n" % (
                        done, fits, row_id, origin, name, status,
                        (" (warnings: %s)" % ", ".join(kinds)) if kinds else ""))
                    sys.stderr.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--version"]:
        print("statsmodels %s, numpy %s, python %s" % (statsmodels.__version__, np.__version__,
                                                      sys.version.split()[0]))
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
