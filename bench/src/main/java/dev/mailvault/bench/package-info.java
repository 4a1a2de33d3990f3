/** Module bench. */
package dev.mailvault.bench;
