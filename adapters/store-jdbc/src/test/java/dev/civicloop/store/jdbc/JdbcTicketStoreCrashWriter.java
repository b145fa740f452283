package dev.civicloop.store.jdbc;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.spi.model.TicketId;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The process {@link JdbcTicketStoreCrashTest} kills: reports, verifies and dispatches ticket
 * after ticket on the given database, printing {@code COMMITTED <ticket>} after each dispatch,
 * and never delivers a notification (its notifier would fail the run if it were called).
 *
 * <p>Arguments: {@code h2 <file>} or {@code postgres <jdbc-url> <user> <password>}.
 */
public final class JdbcTicketStoreCrashWriter {
    private JdbcTicketStoreCrashWriter() {}

    public static void main(String[] args) {
        JdbcDatabase db = args[0].equals("h2") ? JdbcDatabase.h2File(Path.of(args[1]))
                : JdbcDatabase.postgres(args[1], args[2], args.length > 3 ? args[3] : "", 2);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int[] next = {0};
        GovernanceEngine engine = JdbcTicketStoreCity.engine(db.ticketStore(), n -> {
            throw new IllegalStateException("the crashing writer must not deliver " + n.id());
        }, () -> TicketId.of("crash-" + run + "-" + next[0]));
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            next[0] = i;
            String key = run + "-" + i;
            TicketId id = engine.handle(JdbcTicketStoreCity.report(key)).ticketId();
            List<TicketCommand> more = JdbcTicketStoreCity.verifyDispatchClaim(key, id);
            engine.handle(more.get(0));
            engine.handle(more.get(1));
            System.out.println("COMMITTED " + id.value());
            System.out.flush();
        }
    }
}
