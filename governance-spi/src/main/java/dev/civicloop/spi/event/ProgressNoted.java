package dev.civicloop.spi.event;

import dev.civicloop.spi.model.DepartmentId;

/** An assigned department noted progress. */
public record ProgressNoted(DepartmentId department, String note) implements TicketEvent {
    @Override
    public String command() {
        return "note_progress";
    }
}
