package dev.mailvault.directory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void acceptsTwelveCharactersAndMore() {
    assertThatCode(() -> PasswordPolicy.check("twelve chars".toCharArray()))
        .doesNotThrowAnyException();
    assertThatCode(() -> PasswordPolicy.check("x".repeat(1024).toCharArray()))
        .doesNotThrowAnyException();
  }

  @Test
  void countsCharactersNotUtf16Units() {
    // Eleven emoji are 22 UTF-16 units but 11 characters.
    String elevenEmoji = "\uD83D\uDE00".repeat(11);
    assertThatThrownBy(() -> PasswordPolicy.check(elevenEmoji.toCharArray()))
        .isInstanceOf(WeakPasswordException.class);
    assertThatCode(() -> PasswordPolicy.check((elevenEmoji + "a").toCharArray()))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesShortLongAndControlCharacterPasswordsWithoutEchoingThem() {
    assertThatThrownBy(() -> PasswordPolicy.check("eleven char".toCharArray()))
        .isInstanceOf(WeakPasswordException.class)
        .hasMessage("the password is too short: it needs at least 12 characters");
    assertThatThrownBy(() -> PasswordPolicy.check("x".repeat(1025).toCharArray()))
        .hasMessage("the password is too long: at most 1024 characters");
    assertThatThrownBy(() -> PasswordPolicy.check("secret\tpassword".toCharArray()))
        .isInstanceOf(WeakPasswordException.class)
        .message()
        .doesNotContain("secret");
  }
}
