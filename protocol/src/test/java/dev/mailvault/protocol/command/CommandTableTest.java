package dev.mailvault.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTableTest {

  private enum State {
    BEFORE,
    AFTER
  }

  private record Row(String verb, Class<?> type, Set<State> states, List<String> keywords)
      implements CommandRow<State> {}

  private record Hello() {}

  private record Send() {}

  private record Secure() {}

  /** A session with one thing a conditional capability depends on. */
  private record Session(boolean plaintext) {}

  private static final CommandTable<Row, State, Session> TABLE =
      CommandTable.<Row, State, Session>builder()
          .row(new Row("HELLO", Hello.class, Set.of(State.BEFORE), List.of()))
          .row(new Row("SEND", Send.class, Set.of(State.AFTER), List.of("SIZE", "8BIT")))
          .feature("PIPELINING")
          .row(new Row("SECURE", Secure.class, Set.of(State.BEFORE), List.of("SECURE", "SIZE")))
          .feature("CODES")
          .conditional("SECURE", Session::plaintext)
          .conditional("LATER", Session::plaintext)
          .build();

  @Test
  void rowsAreFoundByTheParsedCommandsType() {
    assertThat(TABLE.rowFor(new Send()).verb()).isEqualTo("SEND");
    assertThat(TABLE.rowFor("no row for a string")).isNull();
    assertThat(TABLE.rows()).extracting(Row::verb).containsExactly("HELLO", "SEND", "SECURE");
  }

  @Test
  void capabilitiesKeepTheOrderRowsAndFeaturesWereAddedIn() {
    assertThat(TABLE.keywords(new Session(true)))
        .containsExactly("SIZE", "8BIT", "PIPELINING", "SECURE", "CODES", "LATER");
  }

  @Test
  void aConditionalCapabilityIsRemovedWhileItDoesNotHold() {
    assertThat(TABLE.keywords(new Session(false)))
        .containsExactly("SIZE", "8BIT", "PIPELINING", "CODES");
  }

  @Test
  void twoRowsForOneCommandAreRefused() {
    CommandTable.Builder<Row, State, Session> builder =
        CommandTable.<Row, State, Session>builder()
            .row(new Row("SEND", Send.class, Set.of(State.AFTER), List.of()));
    assertThatThrownBy(
            () -> builder.row(new Row("SEND2", Send.class, Set.of(State.AFTER), List.of())))
        .isInstanceOf(IllegalStateException.class);
  }
}
