/**
 * Connection plumbing every line-based listener shares (DESIGN §3): per-network limits, the PROXY
 * protocol, the refusal over the server-wide ceiling.
 */
package dev.mailvault.protocol.net;
