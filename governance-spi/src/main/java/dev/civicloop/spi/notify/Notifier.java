package dev.civicloop.spi.notify;

/**
 * Delivers a notification to its recipient (SMS gateway, app push, webhook, log). May throw on
 * failure: the outbox dispatcher retries with backoff. Receivers de-duplicate by
 * {@link Notification#id()}, since delivery is at least once.
 */
@FunctionalInterface
public interface Notifier {
    void deliver(Notification notification) throws Exception;
}
