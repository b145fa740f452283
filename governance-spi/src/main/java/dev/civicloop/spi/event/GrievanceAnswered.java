package dev.civicloop.spi.event;

/** The service centre answered a worker's grievance (诉求答复). */
public record GrievanceAnswered(String answer) implements TicketEvent {
    @Override
    public String command() {
        return "answer";
    }
}
