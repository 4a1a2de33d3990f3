/** File-system modes of the data directory: readable by the server's user alone (ADR 0179). */
package dev.mailvault.core.fs;
