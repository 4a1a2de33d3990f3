package dev.mailvault.core.access;

import java.util.List;

/**
 * What a conditional STORE did (RFC 7162 §3.1.3, {@code UNCHANGEDSINCE}).
 *
 * @param changed the messages whose flags changed, with the MODSEQ the change got
 * @param modified the UIDs left alone because their MODSEQ was above the limit, ascending (the
 *     {@code MODIFIED} response code)
 */
public record ConditionalStore(List<MessageFlags> changed, List<Long> modified) {

  public ConditionalStore {
    changed = List.copyOf(changed);
    modified = List.copyOf(modified);
  }
}
