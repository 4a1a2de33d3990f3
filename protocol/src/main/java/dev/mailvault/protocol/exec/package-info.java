/**
 * How a session's work runs off the event loop (DESIGN §6): the protocol servers' thread pools, one
 * ordered, suspendable queue per session, and the hand-off of a login's Argon2id to a pool of its
 * own.
 */
package dev.mailvault.protocol.exec;
