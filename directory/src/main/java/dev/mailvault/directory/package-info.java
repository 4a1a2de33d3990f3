/** Module directory. */
package dev.mailvault.directory;
