package dev.civicloop.core.internal;

import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default notifier: one SLF4J line per notification, so nothing is silently dropped. */
final class LogNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger("dev.civicloop.notifications");

    @Override
    public void deliver(Notification n) {
        if (n.ticketId() == null) {
            log.info("notify {} [{}] {}", n.recipient(), n.topic(), n.data());
        } else {
            log.info("notify {} [{}] ticket {} {}", n.recipient(), n.topic(), n.ticketId(), n.data());
        }
    }
}
