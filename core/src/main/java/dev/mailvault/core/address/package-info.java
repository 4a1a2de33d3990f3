/**
 * Mail address value types: {@link dev.mailvault.core.address.EmailAddress} and {@link
 * dev.mailvault.core.address.DomainName}, parsed and validated once at the edge (ADR 0022).
 */
package dev.mailvault.core.address;
