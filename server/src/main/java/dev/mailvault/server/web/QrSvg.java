package dev.mailvault.server.web;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.Map;

/**
 * A QR code as an inline SVG (one path, no script, no image request): how the console shows an
 * {@code otpauth://} URI to an authenticator app. zxing computes the modules; we draw them.
 */
public final class QrSvg {

  /** The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4). */
  private static final int QUIET = 4;

  private QrSvg() {}

  /**
   * @param text what the code carries (at most a few hundred characters)
   * @param label the image's accessible name
   */
  public static String render(String text, String label) {
    QRCode code;
    try {
      code =
          Encoder.encode(
              text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("too long for a QR code", e);
    }
    ByteMatrix matrix = code.getMatrix();
    int size = matrix.getWidth() + 2 * QUIET;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          path.append('M').append(x + QUIET).append(' ').append(y + QUIET).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" width=\"240\" height=\"240\" role=\"img\" aria-label=\""
        + Html.escape(label)
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
