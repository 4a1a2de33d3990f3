package dev.mailvault.core.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec against the reference implementation: addresses made by Mail::SRS 0.31 (Shevek's, as
 * Debian ships it in libmail-srs-perl) with the secret "test-secret" at 2025-12-06T05:46:40Z, and,
 * when Mail::SRS is installed, a live exchange in both directions.
 */
class SrsCodecTest {

  private static final Instant THEN = Instant.ofEpochSecond(1_765_000_000L);
  private static final SecretBytes KEY =
      SecretBytes.copyOf("test-secret".getBytes(StandardCharsets.US_ASCII));

  private static SrsCodec codec(Instant now) {
    return new SrsCodec(KEY, Clock.fixed(now, ZoneOffset.UTC), 21);
  }

  @ParameterizedTest
  @CsvSource({
    "alice@example.org, SRS0=aivA=6M=example.org=alice@fwd.example,"
        + " SRS1=sYnS=fwd.example==aivA=6M=example.org=alice@second.example",
    "Bob.Smith@Example.NET, SRS0=PyZU=6M=Example.NET=Bob.Smith@fwd.example,"
        + " SRS1=OEG+=fwd.example==PyZU=6M=Example.NET=Bob.Smith@second.example",
    "x+tag@a.b.example, SRS0=n/rd=6M=a.b.example=x+tag@fwd.example,"
        + " SRS1=Z6fF=fwd.example==n/rd=6M=a.b.example=x+tag@second.example"
  })
  void rewritesAsTheReferenceImplementationDoes(String sender, String srs0, String srs1)
      throws Exception {
    SrsCodec codec = codec(THEN);
    assertThat(codec.forward(sender, "fwd.example")).isEqualTo(srs0);
    assertThat(codec.forward(srs0, "second.example")).isEqualTo(srs1);
    // A third forwarder keeps the first forwarder and the SRS0 part (Mail::SRS::Guarded).
    assertThat(codec.forward(srs1, "third.example"))
        .isEqualTo(srs1.replace("@second.example", "@third.example"));
    assertThat(codec.reverse(local(srs0))).isEqualTo(sender);
    assertThat(codec.reverse(local(srs1))).isEqualTo(srs0);
  }

  @Test
  void aHashWhoseCaseWasFoldedStillPasses() throws Exception {
    SrsCodec codec = codec(THEN);
    assertThat(codec.reverse("srs0=aiva=6m=example.org=alice")).isEqualTo("alice@example.org");
    assertThat(codec.reverse("SRS0=AIVA=6M=EXAMPLE.ORG=ALICE")).isEqualTo("ALICE@EXAMPLE.ORG");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SRS0=aivB=6M=example.org=alice",
        "SRS0=aivA=6M=example.org=mallory",
        "SRS0=aivA=6M=evil.example=alice",
        "SRS1=sYnT=fwd.example==aivA=6M=example.org=alice",
        "SRS1=sYnS=evil.example==aivA=6M=example.org=alice"
      })
  void aForgedAddressIsRefused(String local) {
    assertThatThrownBy(() -> codec(THEN).reverse(local))
        .isInstanceOfSatisfying(
            InvalidSrsAddressException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSrsAddressException.Reason.BAD_HASH));
  }

  @Test
  void anAddressOlderThanTheMaximumAgeIsRefused() throws Exception {
    String local = local(codec(THEN).forward("alice@example.org", "fwd.example"));
    assertThat(codec(THEN.plus(Duration.ofDays(21))).reverse(local)).isEqualTo("alice@example.org");
    assertThatThrownBy(() -> codec(THEN.plus(Duration.ofDays(22))).reverse(local))
        .isInstanceOfSatisfying(
            InvalidSrsAddressException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSrsAddressException.Reason.EXPIRED));
    // A stamp from "the future" is one that wrapped 1024 days ago.
    assertThatThrownBy(() -> codec(THEN.minus(Duration.ofDays(1))).reverse(local))
        .isInstanceOfSatisfying(
            InvalidSrsAddressException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSrsAddressException.Reason.EXPIRED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "SRS0=aivA=6M=example.org", "SRS0=", "SRS2=a=b=c=d", "SRS1=x"})
  void whatIsNotAWholeSrsAddressIsRefused(String local) {
    assertThatThrownBy(() -> codec(THEN).reverse(local))
        .isInstanceOf(InvalidSrsAddressException.class);
  }

  /** Seeded: random senders and days round-trip through SRS0 and SRS1 under random keys. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void randomSendersRoundTrip(long seed) throws Exception {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      Instant now = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE));
      SrsCodec codec = new SrsCodec(SecretBytes.copyOf(key), Clock.fixed(now, ZoneOffset.UTC), 21);
      String sender = word(random) + "@" + word(random) + ".example";
      String srs0 = codec.forward(sender, "fwd.example");
      String srs1 = codec.forward(srs0, "next.example");
      assertThat(SrsCodec.isSrs(local(srs0))).isTrue();
      assertThat(codec.reverse(local(srs0))).isEqualTo(sender);
      assertThat(codec.reverse(local(srs1))).isEqualTo(srs0);
    }
  }

  @Test
  void mailSrsReversesOursAndWeReverseItsWhenInstalled() throws Exception {
    assumeTrue(
        new ProcessBuilder("perl", "-MMail::SRS", "-e", "1").start().waitFor() == 0,
        "Mail::SRS (Debian package libmail-srs-perl) is not installed");
    // Mail::SRS reads the time through time(), which the script pins to this instant.
    Instant now = Instant.parse("2026-07-08T09:10:11Z");
    SrsCodec codec = codec(now);
    String ours = codec.forward("carol@example.org", "fwd.example");
    String theirs = perl(now, "print $s->forward('dave@example.net', 'fwd.example')");
    assertThat(perl(now, "print $s->reverse('" + ours + "')")).isEqualTo("carol@example.org");
    assertThat(codec.reverse(local(theirs))).isEqualTo("dave@example.net");
    String theirSrs1 = perl(now, "print $s->forward('" + ours + "', 'next.example')");
    assertThat(codec.reverse(local(theirSrs1))).isEqualTo(ours);
  }

  private static String perl(Instant now, String statement) throws Exception {
    Path script = Files.createTempFile("srs", ".pl");
    try {
      Files.writeString(
          script,
          "BEGIN { *CORE::GLOBAL::time = sub { "
              + now.getEpochSecond()
              + " } }\nuse Mail::SRS;\n"
              + "my $s = Mail::SRS->new(Secret => 'test-secret', MaxAge => 21, HashLength => 4);\n"
              + statement
              + ";\n");
      Process perl = new ProcessBuilder(List.of("perl", script.toString())).start();
      String out = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(perl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(perl.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(perl.exitValue()).as(err).isZero();
      return out.trim();
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String word(Random random) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+_-";
    StringBuilder out = new StringBuilder();
    out.append((char) ('a' + random.nextInt(26)));
    for (int i = random.nextInt(12); i > 0; i--) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    out.append((char) ('a' + random.nextInt(26)));
    return out.toString();
  }

  private static String local(String address) {
    return address.substring(0, address.lastIndexOf('@'));
  }
}
