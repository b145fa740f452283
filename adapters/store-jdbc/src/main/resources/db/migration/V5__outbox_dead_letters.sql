-- Dead letters and notifications about no ticket (JdbcTicketStore's and JdbcLedgerStore's outbox).
-- Runs unchanged on H2 2.x and PostgreSQL.

-- A notification the dispatcher gave up on (a permanent failure, or the engine's maximum attempts)
-- keeps its row with dead_at set: it is neither due nor pending until redeliver clears dead_at.
ALTER TABLE outbox ADD COLUMN dead_at DECIMAL(30, 9);
CREATE INDEX outbox_dead ON outbox (dead_at);

-- A notification need not be about a ticket: points awarded to a member are written by the ledger,
-- in the transaction of their postings, with no ticket_id.
ALTER TABLE outbox ALTER COLUMN ticket_id DROP NOT NULL;
