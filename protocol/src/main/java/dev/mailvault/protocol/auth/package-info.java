/** What logins share across protocols: the SASL PLAIN response (RFC 4616). */
package dev.mailvault.protocol.auth;
