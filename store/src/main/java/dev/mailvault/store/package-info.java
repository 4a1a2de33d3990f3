/** Module store. */
package dev.mailvault.store;
