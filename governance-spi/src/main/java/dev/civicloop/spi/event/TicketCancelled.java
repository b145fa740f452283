package dev.civicloop.spi.event;

/** The reporter withdrew the report. */
public record TicketCancelled(String reason) implements TicketEvent {
    @Override
    public String command() {
        return "cancel";
    }
}
