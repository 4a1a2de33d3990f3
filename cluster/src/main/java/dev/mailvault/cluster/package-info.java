/**
 * Cluster mode (DESIGN §2): front-ends reach the storage primary that owns a vault over WebSocket
 * RPC with mutual TLS. {@code rpc} is the transport (requests multiplexed on one connection per
 * pair of nodes, pushes ordered with responses, reconnection with back-off), {@code remote} the
 * {@code MailAccess}, {@code MailDelivery} and {@code Outbox} carried over it, {@code ca} the
 * cluster's certificate authority.
 */
package dev.mailvault.cluster;
