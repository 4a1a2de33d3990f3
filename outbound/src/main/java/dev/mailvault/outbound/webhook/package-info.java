/**
 * Webhook delivery (issue 15, ADR 0245): a message forwarded to a webhook is an outbound-queue item
 * whose recipients are {@code <targetId>@}{@value
 * dev.mailvault.outbound.webhook.WebhookTransmitter#DOMAIN}; the {@link
 * dev.mailvault.outbound.webhook.WebhookTransmitter} posts it as signed JSON over HTTPS, and the
 * queue retries it with its usual back-off. Targets are looked up through {@link
 * dev.mailvault.outbound.webhook.WebhookEndpoints}, each attempt is told to a {@link
 * dev.mailvault.outbound.webhook.WebhookLog}; the server implements both on the directory.
 */
package dev.mailvault.outbound.webhook;
