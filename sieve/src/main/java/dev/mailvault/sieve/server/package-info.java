/** The ManageSieve listener on the shared protocol runtime, and its Netty connection handler. */
package dev.mailvault.sieve.server;
