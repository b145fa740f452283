package dev.civicloop.spi.event;

/** Grid staff found the report false (虚假上报). */
public record ReportRejectedAsFalse(String reason) implements TicketEvent {
    @Override
    public String command() {
        return "reject_as_false";
    }
}
