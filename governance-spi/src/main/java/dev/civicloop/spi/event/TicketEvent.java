package dev.civicloop.spi.event;

/**
 * What happened to a ticket: one record per workflow transition. Events are immutable facts; a
 * ticket is the fold of its events. Who, when, which command and the resulting state travel in
 * the {@link EventEnvelope}.
 */
public sealed interface TicketEvent
        permits TicketReported,
                ReportVerified,
                ReportRejectedAsFalse,
                TicketDispatched,
                TicketClaimed,
                DepartmentAccepted,
                TicketReturned,
                ProgressNoted,
                DepartmentResolved,
                GrievanceAnswered,
                ResultConfirmed,
                TicketReopened,
                TicketRejected,
                TicketMerged,
                MeTooAdded,
                TicketCancelled,
                TicketEscalated,
                TicketReminded {

    /**
     * The workflow command that caused this event ({@code report}, {@code claim}, …); for the
     * clock's deadline reminder, {@code remind}, which is no workflow command.
     */
    String command();
}
