package dev.mailvault.core.sieve;

import static dev.mailvault.core.sieve.SieveFixture.message;
import static dev.mailvault.core.sieve.SieveFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.sieve.SieveAction.FileInto;
import dev.mailvault.core.sieve.SieveAction.Vacation;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Date and index (RFC 5260): the examples of §7 and the date parts of §4.2, on the fixed clock of
 * {@link SieveFixture} (Saturday 2026-03-14 09:30 UTC, Europe/Berlin).
 */
class Rfc5260DateIndexTest {

  // RFC 5260 §7, first example.
  @Test
  void officeHoursFromTheBoss() throws Exception {
    String script =
        """
        require ["date", "relational", "fileinto"];
        if allof(header :is "from" "boss@example.com",
                 date :value "ge" :originalzone "date" "hour" "09",
                 date :value "lt" :originalzone "date" "hour" "17")
        { fileinto "urgent"; }
        """;
    byte[] inHours =
        message("From: boss@example.com", "Date: Fri, 13 Mar 2026 10:15:00 -0800", "", "x");
    byte[] late =
        message("From: boss@example.com", "Date: Fri, 13 Mar 2026 18:15:00 -0800", "", "x");
    assertThat(run(script, inHours).actions())
        .containsExactly(new FileInto("urgent", Set.of(), false));
    assertThat(run(script, late).implicitKeep()).isTrue();
  }

  // RFC 5260 §7, second example: the weekday of the Received date in the user's zone.
  @Test
  void weekendByReceived() throws Exception {
    String script =
        """
        require ["date", "relational", "fileinto"];
        if anyof(date :is "received" "weekday" "0",
                 date :is "received" "weekday" "6")
        { fileinto "weekend"; }
        """;
    // Friday 23:30 in New York is Saturday 05:30 in Berlin.
    byte[] saturday =
        message("Received: from a.example by b.example; Fri, 13 Mar 2026 23:30:00 -0500", "", "x");
    byte[] friday =
        message("Received: from a.example by b.example; Fri, 13 Mar 2026 12:00:00 -0500", "", "x");
    assertThat(run(script, saturday).actions())
        .containsExactly(new FileInto("weekend", Set.of(), false));
    assertThat(run(script, friday).implicitKeep()).isTrue();
  }

  // RFC 5260 §7, third example, with the dates moved to the fixed clock.
  @Test
  void vacationInADateRange() throws Exception {
    String script =
        """
        require ["date", "relational", "vacation"];
        if allof(currentdate :value "ge" "date" "2026-03-09",
                 currentdate :value "le" "date" "2026-03-15")
        { vacation :days 7  "I'm away during the second week in March."; }
        """;
    SieveOutcome outcome = run(script, message("To: me@example.com", "", "x"));
    assertThat(outcome.actions()).hasAtLeastOneElementOfType(Vacation.class);
  }

  // RFC 5260 §7, fourth example.
  @Test
  void fileByMonthAndYear() throws Exception {
    String script =
        """
        require ["date", "variables", "fileinto"];
        if currentdate :matches "month" "*" { set "month" "${1}"; }
        if currentdate :matches "year"  "*" { set "year" "${1}"; }
        fileinto "${month}-${year}";
        """;
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto("03-2026", Set.of(), false));
  }

  // RFC 5260 §7, fifth example (editheader is not offered; the value is filed instead).
  @Test
  void receivedAsIso8601() throws Exception {
    String script =
        """
        require ["variables", "date", "fileinto"];
        if date :matches :zone "+0000" "received" "iso8601" "*" {set "date" "${1}";}
        fileinto "${date}";
        """;
    byte[] msg = message("Received: by x.example; Sat, 14 Mar 2026 08:00:05 +0100", "", "x");
    assertThat(run(script, msg).actions())
        .containsExactly(new FileInto("2026-03-14T07:00:05Z", Set.of(), false));
  }

  // RFC 5260 §4.2: every date part of Saturday 2026-03-14 09:30:00 UTC shown in +0530.
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "year, 2026",
    "month, 03",
    "day, 14",
    "date, 2026-03-14",
    "julian, 61113",
    "hour, 15",
    "minute, 00",
    "second, 00",
    "time, 15:00:00",
    "iso8601, 2026-03-14T15:00:00+05:30",
    "std11, 'Sat, 14 Mar 2026 15:00:00 +0530'",
    "zone, +0530",
    "weekday, 6",
  })
  void dateParts(String part, String expected) throws Exception {
    String script =
        "require [\"date\", \"variables\", \"fileinto\"];\n"
            + "if currentdate :zone \"+0530\" :matches \""
            + part
            + "\" \"*\" { fileinto \"${0}\"; }";
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto(expected, Set.of(), false));
  }

  @Test
  void defaultZoneIsTheUsers() throws Exception {
    String script =
        "require [\"date\", \"variables\", \"fileinto\"];\n"
            + "if currentdate :matches \"zone\" \"*\" { fileinto \"${0}\"; }";
    assertThat(run(script, message("", "x")).actions())
        .containsExactly(new FileInto("+0100", Set.of(), false));
  }

  // RFC 5260 §6: :index counts fields from the top, with :last from the bottom.
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "header :index 1 :contains \"received\" \"c.example\"|true",
        "header :index 2 :contains \"received\" \"b.example\"|true",
        "header :index 1 :last :contains \"received\" \"a.example\"|true",
        "header :index 1 :last :contains \"received\" \"c.example\"|false",
        "header :index 4 :contains \"received\" \"\"|false",
        "address :index 2 :is \"to\" \"two@example.com\"|true",
        "address :index 1 :is \"to\" \"two@example.com\"|false",
        "date :index 1 :last :zone \"+0000\" \"received\" \"hour\" \"08\"|true",
      })
  void index(String test, boolean expected) throws Exception {
    byte[] msg =
        message(
            "Received: by c.example; Sat, 14 Mar 2026 10:00:00 +0000",
            "Received: by b.example; Sat, 14 Mar 2026 09:00:00 +0000",
            "Received: by a.example; Sat, 14 Mar 2026 08:00:00 +0000",
            "To: one@example.com",
            "To: two@example.com",
            "",
            "x");
    String script = "require [\"index\", \"date\"];\nif " + test + " { discard; }";
    assertThat(run(script, msg).implicitKeep()).isEqualTo(!expected);
  }

  @Test
  void lastWithoutIndexIsASyntaxError() {
    org.junit.jupiter.api.Assertions.assertThrows(
        SieveSyntaxException.class,
        () -> SieveScript.compile("require \"index\";\nif header :last :is \"a\" \"b\" { keep; }"));
  }
}
