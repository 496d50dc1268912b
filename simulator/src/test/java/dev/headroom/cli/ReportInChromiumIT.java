package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's report as a reader sees it: {@code simulate} writes report.html, headless
 * Chromium opens it with the network closed, and the test checks the picture (not blank, the
 * forecast band and the policies' colours drawn), the console (silent), the network (nothing
 * asked for) and the key picker (the key named in the address is the one shown). The screenshot
 * stays in {@code target/report-screenshot.png} for a person to look at.
 */
class ReportInChromiumIT {

  private static Path chromium;

  @TempDir
  Path dir;

  @BeforeAll
  static void needsChromium() {
    chromium = HeadlessChromium.locate().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "skipped: chromium is not installed (Debian package chromium; ./headroom test installs it)");
  }

  @Test
  void theReportRendersSilentlyFromNothingButItself() throws Exception {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("simulate", "--trace", ForecastCommandTest.trace(dir).toString(), "--scenario", "flood",
        "--flood", "tenant-2,2024-03-10T03:00:00Z,2h,8", "--policies", "static-per-key,predictive-hold,predictive-shed",
        "--out", out.toString(), "--no-progress");
    assertEquals(0, run.exit(), run.err());
    Path html = out.resolve("report.html");
    String text = Files.readString(html);
    // With no --report-key the flooded key is featured: first in the picker, its abusive part drawn.
    Matcher first = Pattern.compile("<option value=\"([^\"]*)\"").matcher(text);
    assertTrue(first.find() && first.group(1).equals("tenant-2"), "the flooded key comes first");
    String featured = text.substring(text.indexOf("<div class=\"key-chart\""), text.indexOf("</div>"));
    assertTrue(featured.contains(">abusive part<") && featured.contains("<polygon "), "flood and band drawn");
    assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(text).find(),
        "the report references nothing on the network");

    Path png = Path.of("target", "report-screenshot.png");
    Files.createDirectories(png.getParent());
    HeadlessChromium.Load load = HeadlessChromium.load(chromium, html, "", png, 1000, 1700,
        Files.createDirectories(dir.resolve("chromium")));
    assertEquals(0, load.exit(), load.stderr());
    assertEquals(List.of(), load.console(), "console messages or errors");
    assertEquals(List.of(), load.requests(), "the page asked the network for something");
    assertEquals(List.of("tenant-2"), shownKeys(load.dom()), "the featured key is shown");

    // The picker runs: the key in the address is shown, the featured one hidden.
    HeadlessChromium.Load picked = HeadlessChromium.load(chromium, html, "key=tenant-3", dir.resolve("picked.png"),
        1000, 1000, Files.createDirectories(dir.resolve("chromium-picked")));
    assertEquals(List.of(), picked.console(), "console messages or errors");
    assertEquals(List.of("tenant-3"), shownKeys(picked.dom()), "the key named in the address is the one shown");

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    Pixels p = Pixels.of(image);
    assertTrue(p.nonWhite > image.getWidth() * image.getHeight() / 50,
        "a blank page: " + p.nonWhite + " non-white pixels");
    // Two legend boxes hold 200 pixels of the band's shade; the bands themselves add more.
    assertTrue(p.band > 300, "the forecast band is drawn: " + p.band + " pixels of its shade");
    assertTrue(p.coloured > 500, "the policies' lines are drawn in colour: " + p.coloured + " pixels");
  }

  @Test
  void theHarnessSeesConsoleErrorsAndNetworkRequests() throws Exception {
    // The checks above mean something only if they can fail: a page that logs, throws and fetches.
    Path page = Files.writeString(dir.resolve("bad.html"), """
        <!DOCTYPE html><html><head><meta charset="utf-8"/><title>bad</title></head><body>
        <img src="http://example.invalid/x.png" alt="x"/>
        <script>console.error("bad thing"); missing();</script></body></html>
        """);
    HeadlessChromium.Load load = HeadlessChromium.load(chromium, page, "", dir.resolve("bad.png"), 400, 300,
        Files.createDirectories(dir.resolve("chromium-bad")));
    assertEquals(2, load.console().size(), load.stderr());
    assertTrue(load.console().get(1).contains("missing is not defined"), load.console().toString());
    assertEquals(List.of("http://example.invalid/x.png"), load.requests());
  }

  /** The keys whose chart is not hidden. */
  private static List<String> shownKeys(String dom) {
    Matcher m = Pattern.compile("<div class=\"key-chart\" data-key=\"([^\"]*)\"( hidden=\"[^\"]*\")?>").matcher(dom);
    List<String> shown = new java.util.ArrayList<>();
    int charts = 0;
    while (m.find()) {
      charts++;
      if (m.group(2) == null) {
        shown.add(m.group(1));
      }
    }
    assertEquals(3, charts, "a chart per tenant");
    return shown;
  }

  /** Pixel counts: not white; the band's light blue (its colour at 30% on white); saturated colour. */
  private record Pixels(long nonWhite, long band, long coloured) {

    static Pixels of(BufferedImage image) {
      long nonWhite = 0;
      long band = 0;
      long coloured = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int rgb = image.getRGB(x, y);
          int r = (rgb >> 16) & 0xFF;
          int g = (rgb >> 8) & 0xFF;
          int b = rgb & 0xFF;
          if (r < 245 || g < 245 || b < 245) {
            nonWhite++;
          }
          if (Math.abs(r - 204) < 12 && Math.abs(g - 233) < 12 && Math.abs(b - 248) < 10) {
            band++;
          }
          if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
            coloured++;
          }
        }
      }
      return new Pixels(nonWhite, band, coloured);
    }
  }

}
