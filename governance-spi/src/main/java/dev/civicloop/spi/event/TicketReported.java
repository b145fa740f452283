package dev.civicloop.spi.event;

import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.OrgUnitId;
import java.time.Instant;
import java.util.List;

/**
 * A report was submitted (随手拍): category, location, description, media and the org unit it
 * belongs to. Urgent reports and trusted reporters skip verification. The due instants are set
 * only where the workflow starts its clocks on report (grievances); else null.
 */
public record TicketReported(
        String workflow,
        String category,
        Location location,
        String description,
        List<Media> media,
        OrgUnitId orgUnit,
        boolean urgent,
        boolean verificationSkipped,
        Instant claimDueAt,
        Instant resolveDueAt)
        implements TicketEvent {
    public TicketReported {
        media = List.copyOf(media);
    }

    @Override
    public String command() {
        return "report";
    }
}
