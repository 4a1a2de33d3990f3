/**
 * What each ManageSieve command does (RFC 5804 §2), one small class per group of commands, listed
 * in {@link dev.mailvault.sieve.handler.ManageSieveCommands}.
 */
package dev.mailvault.sieve.handler;
