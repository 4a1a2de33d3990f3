package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagListTest {

  @Test
  void valuesLoseSurroundingWhitespaceButKeepInnerFolds() {
    TagList tags = TagList.parse(" v = 1 ;\r\n\th=from : to\r\n : subject ; b= abc\r\n def ;");
    assertThat(tags.names()).containsExactly("v", "h", "b");
    assertThat(tags.get("v", "")).isEqualTo("1");
    assertThat(TagList.split(tags.get("h", ""), ':')).containsExactly("from", "to", "subject");
    assertThat(TagList.withoutWhitespace(tags.get("b", ""))).isEqualTo("abcdef");
  }

  @Test
  void anEmptyValueIsPresent() {
    TagList tags = TagList.parse("v=DKIM1; p=");
    assertThat(tags.has("p")).isTrue();
    assertThat(tags.get("p")).contains("");
    assertThat(tags.get("k")).isEmpty();
  }

  @Test
  void namesAreCaseSensitive() {
    TagList tags = TagList.parse("a=1; A=2");
    assertThat(tags.get("a", "")).isEqualTo("1");
    assertThat(tags.get("A", "")).isEqualTo("2");
  }

  @Test
  void aDuplicateTagInvalidatesTheList() {
    assertThatThrownBy(() -> TagList.parse("v=1; d=a.test; d=b.test"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTagWithoutEqualsOrWithABadNameIsInvalid() {
    assertThatThrownBy(() -> TagList.parse("v=1; nonsense"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TagList.parse("1v=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TagList.parse("=1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyListHasNoTags() {
    assertThat(TagList.parse("").names()).isEmpty();
    assertThat(TagList.parse(" ; ").names()).isEmpty();
  }
}
