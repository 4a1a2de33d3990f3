/**
 * The generic command table every protocol's commands are listed in (ADR 0191): verb, states,
 * handler, and the capability it adds. Knows no protocol, no session and no Netty.
 */
package dev.mailvault.protocol.command;
