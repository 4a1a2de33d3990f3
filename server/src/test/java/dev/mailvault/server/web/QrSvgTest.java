package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrSvgTest {

  /** Draws the SVG's squares into pixels and reads them back with zxing's decoder. */
  @Test
  void theDrawnCodeDecodesToTheText() throws Exception {
    String uri =
        "otpauth://totp/Mailvault:root?secret=MZXW6YTBOIMZXW6YTBOI&issuer=Mailvault&period=30";
    String svg = QrSvg.render(uri, "QR code <for> the app");
    assertThat(svg)
        .contains("aria-label=\"QR code &lt;for&gt; the app\"")
        .doesNotContain("<script");
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
    assertThat(box.find()).isTrue();
    int size = Integer.parseInt(box.group(1));
    int scale = 4;
    int[] pixels = new int[size * scale * size * scale];
    java.util.Arrays.fill(pixels, 0xffffffff);
    Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    while (module.find()) {
      int mx = Integer.parseInt(module.group(1));
      int my = Integer.parseInt(module.group(2));
      for (int dy = 0; dy < scale; dy++) {
        for (int dx = 0; dx < scale; dx++) {
          pixels[(my * scale + dy) * size * scale + mx * scale + dx] = 0xff000000;
        }
      }
    }
    LuminanceSource source = new RGBLuminanceSource(size * scale, size * scale, pixels);
    String decoded =
        new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    assertThat(decoded).isEqualTo(uri);
  }
}
