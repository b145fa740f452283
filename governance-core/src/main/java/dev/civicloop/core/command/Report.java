package dev.civicloop.core.command;

import dev.civicloop.spi.internal.Check;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Media;
import dev.civicloop.spi.model.OrgUnitId;
import java.util.List;

/**
 * Report a problem (随手拍): category code, location, description (at most 4,000 characters), media,
 * and the org unit (grid) it belongs to. Creates the ticket.
 */
public record Report(
        CommandId commandId,
        Actor actor,
        String category,
        Location location,
        String description,
        List<Media> media,
        OrgUnitId orgUnit)
        implements TicketCommand {
    /** The longest description a report may carry. */
    public static final int MAX_DESCRIPTION = 4000;

    public Report {
        Check.notNull("commandId", commandId);
        Check.notNull("actor", actor);
        Check.id("category", category);
        Check.notNull("location", location);
        Check.text("description", description, MAX_DESCRIPTION);
        media = List.copyOf(Check.noNulls("media", media));
        Check.notNull("orgUnit", orgUnit);
    }

    @Override
    public String command() {
        return "report";
    }
}
