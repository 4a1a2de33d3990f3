/**
 * Delivery over the network (ADR 0208, ADR 0209): {@link
 * dev.mailvault.outbound.delivery.SmtpTransmitter} looks up the destination's MX hosts ({@link
 * dev.mailvault.outbound.delivery.MxResolver}), decides what TLS each host must offer
 * (opportunistic STARTTLS, MTA-STS, DANE, REQUIRETLS) and speaks SMTP to it ({@link
 * dev.mailvault.outbound.delivery.SmtpDialogue} over an {@link
 * dev.mailvault.outbound.delivery.SmtpConnection}). Blocking I/O, on the queue's delivery threads.
 */
package dev.mailvault.outbound.delivery;
