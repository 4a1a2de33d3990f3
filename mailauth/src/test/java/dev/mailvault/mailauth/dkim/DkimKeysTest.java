package dev.mailvault.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeysTest {

  @Test
  void anEd25519RecordCarriesTheRaw32ByteKey() throws Exception {
    KeyPair pair = DkimKeys.generate(DkimAlgorithm.ED25519_SHA256);
    String record = DkimKeys.txtRecord(DkimAlgorithm.ED25519_SHA256, pair.getPublic());
    assertThat(record).startsWith("v=DKIM1; k=ed25519; p=");
    byte[] p = Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2));
    assertThat(p).hasSize(32);
    assertThat(DkimKeys.privateKey(DkimAlgorithm.ED25519_SHA256, pair.getPrivate().getEncoded()))
        .isEqualTo(pair.getPrivate());
  }

  @Test
  void anRsaKeyHas2048Bits() throws Exception {
    KeyPair pair = DkimKeys.generate(DkimAlgorithm.RSA_SHA256);
    assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(DkimKeys.txtRecord(DkimAlgorithm.RSA_SHA256, pair.getPublic()))
        .startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
    assertThat(DkimKeys.publicKey(DkimAlgorithm.RSA_SHA256, pair.getPublic().getEncoded()))
        .isEqualTo(pair.getPublic());
  }
}
