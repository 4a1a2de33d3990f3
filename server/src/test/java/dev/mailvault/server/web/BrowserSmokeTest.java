package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.mail.LoopbackNode;
import dev.mailvault.server.mail.TestedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The real browser reaches the node over HTTPS and sees the strict headers' effect: no errors. */
class BrowserSmokeTest {

  @TempDir Path data;
  @TempDir Path profile;

  @Test
  void chromiumLoadsAnAssetOverHttps() throws Exception {
    try (TestedNode node = TestedNode.start(LoopbackNode.settings(data, "mx.example.test"));
        Browser browser = new Browser(profile, node.httpsPort())) {
      browser.open("/static/mailvault.css");
      assertThat(browser.find(By.tagName("body")).getText()).contains(":root");
      Path shot = browser.screenshot(data.resolve("shot.png"));
      assertThat(Files.size(shot)).isGreaterThan(100);
    }
  }
}
