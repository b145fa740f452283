package dev.civicloop.core;

import dev.civicloop.spi.event.DepartmentAccepted;
import dev.civicloop.spi.event.DepartmentResolved;
import dev.civicloop.spi.event.GrievanceAnswered;
import dev.civicloop.spi.event.MeTooAdded;
import dev.civicloop.spi.event.ProgressNoted;
import dev.civicloop.spi.event.ReportRejectedAsFalse;
import dev.civicloop.spi.event.ReportVerified;
import dev.civicloop.spi.event.ResultConfirmed;
import dev.civicloop.spi.event.TicketCancelled;
import dev.civicloop.spi.event.TicketClaimed;
import dev.civicloop.spi.event.TicketDispatched;
import dev.civicloop.spi.event.TicketEscalated;
import dev.civicloop.spi.event.TicketEvent;
import dev.civicloop.spi.event.TicketMerged;
import dev.civicloop.spi.event.TicketRejected;
import dev.civicloop.spi.event.TicketReminded;
import dev.civicloop.spi.event.TicketReopened;
import dev.civicloop.spi.event.TicketReported;
import dev.civicloop.spi.event.TicketReturned;
import dev.civicloop.spi.model.DepartmentId;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chinese and English labels for commands and states, as a reporter's app or a dispatch board
 * shows them. Chinese for any {@code zh} locale, English otherwise.
 */
public final class Labels {
    private static final Map<String, String[]> COMMANDS = Map.ofEntries(
            Map.entry("report", new String[] {"上报", "reported"}),
            Map.entry("verify", new String[] {"核实", "verified"}),
            Map.entry("reject_as_false", new String[] {"核实为虚假", "rejected as false"}),
            Map.entry("dispatch", new String[] {"派单", "dispatched"}),
            Map.entry("claim", new String[] {"领单", "claimed"}),
            Map.entry("accept", new String[] {"接单", "accepted"}),
            Map.entry("return", new String[] {"退单", "returned"}),
            Map.entry("note_progress", new String[] {"办理进展", "progress noted"}),
            Map.entry("resolve", new String[] {"办结", "resolved"}),
            Map.entry("answer", new String[] {"答复", "answered"}),
            Map.entry("confirm", new String[] {"评价反馈", "confirmed"}),
            Map.entry("reopen", new String[] {"重办", "reopened"}),
            Map.entry("reject", new String[] {"不予受理", "rejected"}),
            Map.entry("merge", new String[] {"合并", "merged"}),
            Map.entry("cancel", new String[] {"撤回", "cancelled"}),
            Map.entry("escalate", new String[] {"督办", "escalated"}),
            Map.entry("remind", new String[] {"临期提醒", "reminded"}));
    private static final Map<String, String[]> STATES = Map.ofEntries(
            Map.entry("SUBMITTED", new String[] {"已上报", "submitted"}),
            Map.entry("VERIFIED", new String[] {"已核实", "verified"}),
            Map.entry("DISPATCHED", new String[] {"已派单", "dispatched"}),
            Map.entry("CLAIMED", new String[] {"已领单", "claimed"}),
            Map.entry("IN_HANDLING", new String[] {"办理中", "in handling"}),
            Map.entry("RESOLVED", new String[] {"已办结", "resolved"}),
            Map.entry("CLOSED", new String[] {"已关闭", "closed"}),
            Map.entry("REJECTED", new String[] {"已驳回", "rejected"}),
            Map.entry("MERGED", new String[] {"已合并", "merged"}),
            Map.entry("CANCELLED", new String[] {"已撤回", "cancelled"}),
            Map.entry("ACCEPTED", new String[] {"已受理", "accepted"}),
            Map.entry("ANSWERED", new String[] {"已答复", "answered"}));

    private Labels() {}

    public static String command(String command, Locale locale) {
        return pick(COMMANDS, command, locale);
    }

    /** A state's label; a city's own states show their name. */
    public static String state(String state, Locale locale) {
        return pick(STATES, state, locale);
    }

    private static String pick(Map<String, String[]> labels, String key, Locale locale) {
        String[] l = labels.get(key);
        return l == null ? key : l[zh(locale) ? 0 : 1];
    }

    private static boolean zh(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    static String describe(TimelineEntry e, Locale locale) {
        boolean zh = zh(locale);
        String detail = detail(e.event(), zh);
        return command(e.event().command(), locale) + " → " + state(e.state().name(), locale)
                + (detail.isEmpty() ? "" : " · " + detail);
    }

    private static String deadline(String name, boolean zh) {
        return switch (name) {
            case "claim" -> zh ? "领单时限" : "claim deadline";
            case "resolve" -> zh ? "办结时限" : "resolve deadline";
            default -> name;
        };
    }

    private static String detail(TicketEvent event, boolean zh) {
        if (event instanceof TicketReported r) {
            return r.category() + (r.urgent() ? (zh ? "（紧急）" : " (urgent)") : "") + " · " + r.description();
        } else if (event instanceof ReportVerified v) {
            return v.method() + (v.note() == null ? "" : " · " + v.note());
        } else if (event instanceof ReportRejectedAsFalse r) {
            return r.reason();
        } else if (event instanceof TicketDispatched d) {
            return d.community() + " · " + (zh ? "牵头 " : "lead ") + d.lead()
                    + (d.coHandlers().isEmpty() ? "" : (zh ? " · 协办 " : " · co-handlers ") + d.coHandlers())
                    + " · " + d.reason();
        } else if (event instanceof TicketClaimed c) {
            return String.valueOf(c.community());
        } else if (event instanceof DepartmentAccepted a) {
            return a.department() == null ? "" : a.department().value();
        } else if (event instanceof TicketReturned r) {
            return (r.department() == null ? "" : r.department() + " · ") + r.reason()
                    + (zh ? " · 第" + r.returnCount() + "次退单" : " · return #" + r.returnCount());
        } else if (event instanceof ProgressNoted p) {
            return p.department() + " · " + p.note();
        } else if (event instanceof DepartmentResolved r) {
            return r.department() + " · " + r.result();
        } else if (event instanceof GrievanceAnswered a) {
            return a.answer();
        } else if (event instanceof ResultConfirmed c) {
            return c.byClock() ? (zh ? "逾期未评价，自动关闭" : "no answer in time, closed by the clock")
                    : c.satisfaction() + (c.comment() == null ? "" : " · " + c.comment());
        } else if (event instanceof TicketReopened r) {
            return r.reason() + (zh ? " · 第" + r.redoCount() + "次重办" : " · redo #" + r.redoCount());
        } else if (event instanceof TicketRejected r) {
            return r.reason();
        } else if (event instanceof TicketMerged m) {
            return (zh ? "并入 " : "into ") + m.into();
        } else if (event instanceof MeTooAdded m) {
            return (zh ? "同类上报 " : "me too: ") + m.duplicate();
        } else if (event instanceof TicketCancelled c) {
            return c.reason() == null ? "" : c.reason();
        } else if (event instanceof TicketReminded r) {
            String who = r.orgUnit() != null ? r.orgUnit().value()
                    : r.departments().stream().map(DepartmentId::value).collect(Collectors.joining(", "));
            return deadline(r.deadline(), zh) + " · " + who; // no due time: the line has no zone to show it in
        } else if (event instanceof TicketEscalated x) {
            return x.deadline() + (zh ? " · 督办级别 " : " · supervision level ") + x.level()
                    + (x.supervisingUnit() == null ? "" : " · " + x.supervisingUnit());
        }
        return "";
    }
}
