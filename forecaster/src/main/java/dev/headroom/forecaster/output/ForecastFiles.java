package dev.headroom.forecaster.output;

import dev.headroom.forecaster.Forecast;
import dev.headroom.forecaster.series.RateSeries;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes a forecast as {@code forecast.csv} (one row per step), {@code forecast.json} (the same
 * with the model, backtest accuracy and notes) and {@code forecast.svg} (a chart) into a folder.
 */
public final class ForecastFiles {

  /** The files written, for the caller to print. */
  public record Written(Path csv, Path json, Path svg) {
    public List<Path> all() {
      return List.of(csv, json, svg);
    }
  }

  private ForecastFiles() {}

  public static Written write(Path dir, String key, RateSeries history, Forecast forecast) throws IOException {
    Files.createDirectories(dir);
    Path csv = dir.resolve("forecast.csv");
    Path json = dir.resolve("forecast.json");
    Path svg = dir.resolve("forecast.svg");
    try (Writer w = Files.newBufferedWriter(csv)) {
      w.write("time,mean,p50,p90,p99\n");
      for (int h = 0; h < forecast.horizon(); h++) {
        w.write(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.3f%n", Instant.ofEpochMilli(forecast.timeMillis(h)),
            forecast.mean()[h], forecast.p50()[h], forecast.p90()[h], forecast.p99()[h]));
      }
    }
    Files.writeString(json, json(key, history, forecast));
    String model = forecast.model().contains("|") || forecast.model().length() > 60
        ? "a per-horizon average of models (see forecast.json)" : forecast.model();
    Files.writeString(svg, ForecastChart.svg("Forecast of " + key + ": " + model, history, forecast));
    return new Written(csv, json, svg);
  }

  static String json(String key, RateSeries history, Forecast f) {
    StringBuilder b = new StringBuilder(256 + 96 * f.horizon());
    Forecast.Backtest bt = f.backtest();
    b.append("{\n  \"key\": ").append(quote(key))
        .append(",\n  \"model\": ").append(quote(f.model()))
        .append(",\n  \"history\": {\"start\": ").append(quote(history.start().toString()))
        .append(", \"stepMs\": ").append(history.stepMillis())
        .append(", \"points\": ").append(history.size())
        .append(", \"missing\": ").append(history.missingCount()).append("}")
        .append(",\n  \"start\": ").append(quote(Instant.ofEpochMilli(f.startMillis()).toString()))
        .append(",\n  \"stepMs\": ").append(f.stepMillis())
        .append(",\n  \"backtest\": {\"mase\": ").append(num(bt.mase()))
        .append(", \"smapePercent\": ").append(num(bt.smape()))
        .append(", \"coverageP90\": ").append(num(bt.coverageP90()))
        .append(", \"coverageP99\": ").append(num(bt.coverageP99()))
        .append(", \"folds\": ").append(bt.folds()).append("}")
        .append(",\n  \"notes\": [");
    for (int i = 0; i < f.notes().size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(f.notes().get(i)));
    }
    b.append("],\n  \"steps\": [\n");
    for (int h = 0; h < f.horizon(); h++) {
      b.append("    {\"time\": ").append(quote(Instant.ofEpochMilli(f.timeMillis(h)).toString()))
          .append(", \"mean\": ").append(num(f.mean()[h]))
          .append(", \"p50\": ").append(num(f.p50()[h]))
          .append(", \"p90\": ").append(num(f.p90()[h]))
          .append(", \"p99\": ").append(num(f.p99()[h]))
          .append(h + 1 < f.horizon() ? "},\n" : "}\n");
    }
    return b.append("  ]\n}\n").toString();
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v).replaceAll("\\.?0+$", "") : "null";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
