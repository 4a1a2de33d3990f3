package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.core.crypto.SecretBytes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real Argon2id, counting each derivation and the parameters it used. */
final class CountingKdf implements PasswordKdf {

  private final List<Argon2Params> calls = new CopyOnWriteArrayList<>();

  @Override
  public SecretBytes derive(byte[] password, byte[] salt, Argon2Params params) {
    calls.add(params);
    return PasswordKdf.argon2id().derive(password, salt, params);
  }

  int derivations() {
    return calls.size();
  }

  List<Argon2Params> paramsUsed() {
    return List.copyOf(calls);
  }

  void reset() {
    calls.clear();
  }
}
