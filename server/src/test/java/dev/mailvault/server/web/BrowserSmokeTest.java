package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.mail.LoopbackNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The real browser reaches the node over HTTPS and sees the strict headers' effect: no errors. */
class BrowserSmokeTest {

  @TempDir Path data;
  @TempDir Path profile;

  @Test
  void chromiumLoadsAnAssetOverHttps() throws Exception {
    try (MailvaultNode node =
            MailvaultNode.start(
                Settings.resolve(LoopbackNode.settings(data, "mx.example.test"), Map.of(), null));
        Browser browser = new Browser(profile, node.httpsPort())) {
      browser.open("/static/mailvault.css");
      assertThat(browser.find(By.tagName("body")).getText()).contains(":root");
      Path shot = browser.screenshot(data.resolve("shot.png"));
      assertThat(Files.size(shot)).isGreaterThan(100);
    }
  }
}
