-- PostgreSQL only (H2 keeps the counter row of V1): ticket event positions without a lock held
-- through commit, so concurrent appends commit (and flush WAL) together instead of one at a time.
--
-- An append takes its positions with civicloop_take_ticket_positions(n): under a short session
-- lock it marks itself in flight with a transaction-level advisory lock whose bigint key is its
-- first position, then takes n positions from a sequence. PostgreSQL drops that lock only after
-- the transaction has committed (and is visible) or rolled back. A reader first asks
-- civicloop_ticket_feed_horizon(): the lowest position still in flight, else one past the last
-- position taken; then, in a later statement, reads only events below it. Every position below
-- the horizon belongs to an append that has ended, so a reader never moves past an append that
-- commits late. Positions of a refused append are lost (the feed may have gaps; the SPI allows
-- them).
--
-- So: in this database, advisory locks with a single bigint key belong to CivicLoop (another
-- application's would only hold readers back, never make them skip), and a two-int key
-- (4243001, 0) is the short session lock.

CREATE SEQUENCE ticket_event_position_seq AS BIGINT MINVALUE 1 NO CYCLE;
SELECT setval('ticket_event_position_seq', GREATEST(last_position, 1), last_position > 0)
FROM ticket_event_position WHERE id = 1;

CREATE FUNCTION civicloop_take_ticket_positions(n INT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    first_position BIGINT;
    last_taken BIGINT;
BEGIN
    PERFORM pg_advisory_lock(4243001, 0);
    BEGIN
        SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END INTO first_position
        FROM ticket_event_position_seq;
        PERFORM pg_advisory_xact_lock(first_position);
        FOR i IN 1..n LOOP
            last_taken := nextval('ticket_event_position_seq');
        END LOOP;
    EXCEPTION WHEN OTHERS OR QUERY_CANCELED THEN
        -- A session-level lock outlives an error; never leave it held by a pooled connection.
        PERFORM pg_advisory_unlock(4243001, 0);
        RAISE;
    END;
    PERFORM pg_advisory_unlock(4243001, 0);
    RETURN last_taken;
END
$$;

-- The order of the two reads matters: an append that is not yet in flight when pg_locks is read
-- takes its positions after the sequence was read, so above the horizon.
CREATE FUNCTION civicloop_ticket_feed_horizon() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    taken BIGINT;
    in_flight BIGINT;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO taken FROM ticket_event_position_seq;
    SELECT min((classid::bigint << 32) | objid::bigint) INTO in_flight
    FROM pg_locks
    WHERE locktype = 'advisory' AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
    RETURN LEAST(taken + 1, COALESCE(in_flight, taken + 1));
END
$$;
