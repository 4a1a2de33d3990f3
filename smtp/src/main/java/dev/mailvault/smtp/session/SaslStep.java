package dev.mailvault.smtp.session;

/** What the session does with the client's answer to its 334 challenge (RFC 4954 §4). */
@FunctionalInterface
interface SaslStep {

  /**
   * @param line the response line as sent (base64, or {@code *} to cancel); zeroed by the caller
   *     afterwards
   * @throws SmtpRefusal the reply that ends the exchange
   */
  void answer(byte[] line) throws SmtpRefusal;
}
