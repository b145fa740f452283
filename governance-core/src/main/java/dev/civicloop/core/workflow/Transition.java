package dev.civicloop.core.workflow;

import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketState;
import java.util.Set;

/**
 * One row of a workflow table: in state {@code from}, {@code command} by one of {@code roles}
 * within one of {@code scopes} leads to {@code to}. A joint transition (departments accepting or
 * resolving together) reaches {@code to} only when every assigned department has done it; until
 * then the ticket stays where it is. {@code starts} and {@code stops} name the deadlines the
 * transition starts or stops: {@code claim}, {@code resolve}, {@code feedback}.
 *
 * @param from null only for {@code report}, which creates the ticket
 */
public record Transition(
        TicketState from,
        String command,
        TicketState to,
        Set<Role> roles,
        Set<Scope> scopes,
        boolean joint,
        Guard guard,
        Set<String> starts,
        Set<String> stops) {
    public Transition {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        starts = Set.copyOf(starts);
        stops = Set.copyOf(stops);
    }
}
