package dev.civicloop.core.internal;

import dev.civicloop.core.TicketView;
import dev.civicloop.spi.event.EventEnvelope;
import dev.civicloop.spi.event.ReportRejectedAsFalse;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketRejected;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is told what: reported (awaiting verification) → the ticket's grid, so its staff verify;
 * dispatched or reopened → community (or, before any dispatch, the ticket's unit) and departments;
 * reminded (a deadline is near) → the unit or departments the event names; escalated → the supervising unit;
 * returned → the street; resolved or answered → the reporter and every "me too" reporter
 * (办理结果反馈); rejected → the reporter.
 */
final class Notifications {
    private static final Set<TicketState> RESULT_STATES = Set.of(TicketState.RESOLVED, TicketState.ANSWERED);

    private final OrgTree org;

    Notifications(OrgTree org) {
        this.org = org;
    }

    List<Notification> forEvent(TicketView after, TicketState before, EventEnvelope env) {
        List<Notification> out = new ArrayList<>();
        TicketEvent e = env.event();
        Map<String, String> data = Map.of(
                "category", after.category(),
                "state", env.state().name(),
                "command", e.command(),
                "version", Long.toString(env.version()));
        if (e instanceof TicketReported r && !r.verificationSkipped()) {
            out.add(note(env, "reported", Recipient.orgUnit(r.orgUnit().value()), after, data));
        } else if (e instanceof TicketReopened) {
            OrgUnitId unit = after.community() != null ? after.community() : after.orgUnit();
            out.add(note(env, "reopened", Recipient.orgUnit(unit.value()), after, data));
            for (DepartmentId dep : after.departments()) {
                out.add(note(env, "reopened", Recipient.department(dep.value()), after, data));
            }
        } else if (e instanceof TicketDispatched d) {
            out.add(note(env, "dispatched", Recipient.orgUnit(d.community().value()), after, data));
            List<DepartmentId> ds = new ArrayList<>();
            ds.add(d.lead());
            ds.addAll(d.coHandlers());
            for (DepartmentId dep : ds) {
                out.add(note(env, "dispatched", Recipient.department(dep.value()), after, data));
            }
        } else if (e instanceof TicketReminded r) {
            Map<String, String> which = new HashMap<>(data);
            which.put("deadline", r.deadline());
            which.put("dueAt", r.dueAt().toString());
            if (r.orgUnit() != null) {
                out.add(note(env, "reminded", Recipient.orgUnit(r.orgUnit().value()), after, which));
            }
            for (DepartmentId dep : r.departments()) {
                out.add(note(env, "reminded", Recipient.department(dep.value()), after, which));
            }
        } else if (e instanceof TicketEscalated x && x.supervisingUnit() != null) {
            out.add(note(env, "escalated", Recipient.orgUnit(x.supervisingUnit().value()), after, data));
        } else if (e instanceof TicketReturned) {
            org.ancestorAt(after.orgUnit(), OrgLevel.STREET)
                    .ifPresent(s -> out.add(note(env, "returned", Recipient.orgUnit(s.value()), after, data)));
        } else if (e instanceof TicketRejected || e instanceof ReportRejectedAsFalse) {
            out.add(note(env, "rejected", Recipient.actor(after.reporter().value()), after, data));
        }
        if (RESULT_STATES.contains(env.state()) && !env.state().equals(before)) {
            Set<ActorId> people = new LinkedHashSet<>();
            people.add(after.reporter());
            people.addAll(after.meTooReporters());
            for (ActorId p : people) {
                out.add(note(env, "resolved", Recipient.actor(p.value()), after, data));
            }
        }
        return out;
    }

    private static Notification note(EventEnvelope env, String topic, Recipient to, TicketView t, Map<String, String> data) {
        String id = Fingerprint.boundedId(topic + "-", env.ticketId().value() + "-" + env.version() + "-" + topic + "-"
                + to.kind().name().charAt(0) + "-" + to.id());
        return new Notification(id, topic, to, env.ticketId(), env.occurredAt(), t.urgent(), data);
    }
}
