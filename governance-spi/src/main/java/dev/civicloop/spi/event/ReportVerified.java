package dev.civicloop.spi.event;

/** Grid staff confirmed the report (核实), on site or by its photo. */
public record ReportVerified(VerificationMethod method, String note) implements TicketEvent {
    @Override
    public String command() {
        return "verify";
    }
}
