/** The counting interface the mail modules report to; Micrometer lives only in the server. */
package dev.mailvault.core.metrics;
