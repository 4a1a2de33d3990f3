package dev.mailvault.directory.jdbc;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import java.nio.file.Path;
import java.util.Optional;

/** Real directories in temporary folders, with cheap Argon2id parameters (tests check logic). */
final class Fixtures {

  static final Argon2Params FAST = new Argon2Params(256, 1, 1);

  private Fixtures() {}

  static Directory open(Path data, CountingKdf kdf) throws DirectoryUnavailableException {
    return SqliteDirectory.open(data, Optional.empty(), new DirectoryOptions(kdf, FAST));
  }

  static Directory open(Path data, DirectoryOptions options) throws DirectoryUnavailableException {
    return SqliteDirectory.open(data, Optional.empty(), options);
  }

  static Directory open(Path data, Path serverKey, CountingKdf kdf)
      throws DirectoryUnavailableException {
    return SqliteDirectory.open(data, Optional.of(serverKey), new DirectoryOptions(kdf, FAST));
  }

  static EmailAddress address(String text) {
    try {
      return EmailAddress.parse(text);
    } catch (InvalidAddressException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static DomainName domain(String text) {
    try {
      return DomainName.parse(text);
    } catch (InvalidAddressException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
