/** Module server. */
package dev.mailvault.server;
