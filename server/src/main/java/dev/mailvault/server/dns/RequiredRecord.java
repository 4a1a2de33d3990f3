package dev.mailvault.server.dns;

import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.Type;

/**
 * One DNS record a domain needs, as {@code domain dns} prints it and {@code --check} judges it.
 *
 * @param comment why the record is there, printed above it
 * @param name the absolute owner name, with the final dot
 * @param type the record type ({@link Type#MX}, {@link Type#TXT}, {@link Type#SRV})
 * @param data the record data in zone-file form; for TXT the text whole, before it is split into
 *     strings
 * @param judge what the records of {@code type} at {@code name} (each as {@code data} would be) say
 *     about this one; different from {@code data} where another value is as good, such as DMARC's
 *     p=reject for our p=quarantine
 */
public record RequiredRecord(
    String comment, String name, int type, String data, Function<List<String>, Verdict> judge) {

  public String typeName() {
    return Type.string(type);
  }
}
