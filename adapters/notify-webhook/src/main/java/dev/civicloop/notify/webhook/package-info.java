/**
 * Webhook delivery of notifications: {@link dev.civicloop.notify.webhook.WebhookNotifier} on the
 * sending side, {@link dev.civicloop.notify.webhook.WebhookVerifier} on the receiving side, and
 * the headers they share ({@link dev.civicloop.notify.webhook.WebhookHeaders}).
 */
package dev.civicloop.notify.webhook;
