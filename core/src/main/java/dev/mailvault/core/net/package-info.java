/**
 * Connection hygiene shared by the protocol front-ends (issue 10): how many connections a server
 * holds at once and how slowly a client may send. Pure logic, no I/O: the Netty glue lives with
 * each protocol and calls in on its event loop.
 */
package dev.mailvault.core.net;
