package dev.civicloop.spi.event;

/** The street rejected the ticket (not a matter for the platform, duplicate without merge, …). */
public record TicketRejected(String reason) implements TicketEvent {
    @Override
    public String command() {
        return "reject";
    }
}
