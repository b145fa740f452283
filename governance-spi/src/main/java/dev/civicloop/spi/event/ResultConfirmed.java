package dev.civicloop.spi.event;

import dev.civicloop.spi.model.Satisfaction;

/**
 * The reporter confirmed the result with their satisfaction (反馈), or the window passed with no
 * answer (byClock, with
 * a null satisfaction).
 */
public record ResultConfirmed(
        Satisfaction satisfaction,
        String comment,
        boolean byClock)
        implements TicketEvent {
    @Override
    public String command() {
        return "confirm";
    }
}
