/** How a session's work runs off the event loop: one ordered, suspendable queue per session. */
package dev.mailvault.protocol.exec;
