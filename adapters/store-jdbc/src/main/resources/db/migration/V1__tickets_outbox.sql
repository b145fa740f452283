-- CivicLoop ticket store and transactional outbox (JdbcTicketStore). Runs unchanged on H2 2.x and PostgreSQL.
-- Instants are DECIMAL(30,9) epoch seconds: exact to the nanosecond, ordered, the same on both databases.
-- Identifiers (ticket, command, notification, org unit, state) are at most 128 characters (spi Check.id).

-- The global event position. One row, updated (and so row-locked) by every append just before it
-- inserts its events and commits: appends commit in position order, so the feed has no late gaps.
CREATE TABLE ticket_event_position (
    id            INT    NOT NULL PRIMARY KEY,
    last_position BIGINT NOT NULL
);
INSERT INTO ticket_event_position (id, last_position) VALUES (1, 0);

-- The event log. (ticket_id, version) is unique: the database refuses a second event at a version.
CREATE TABLE ticket_event (
    position    BIGINT         NOT NULL PRIMARY KEY,
    ticket_id   VARCHAR(128)   NOT NULL,
    version     BIGINT         NOT NULL,
    occurred_at DECIMAL(30, 9) NOT NULL,
    actor_id    VARCHAR(128)   NOT NULL,
    command_id  VARCHAR(128)   NOT NULL,
    state       VARCHAR(128)   NOT NULL,
    event_type  VARCHAR(64)    NOT NULL,
    payload     VARCHAR        NOT NULL,
    CONSTRAINT ticket_event_ticket_version UNIQUE (ticket_id, version)
);

-- One row per ticket, rewritten by every append; its version is the ticket's head (optimistic lock).
CREATE TABLE ticket_summary (
    ticket_id   VARCHAR(128)   NOT NULL PRIMARY KEY,
    version     BIGINT         NOT NULL,
    workflow    VARCHAR(128)   NOT NULL,
    category    VARCHAR(128)   NOT NULL,
    state       VARCHAR(128)   NOT NULL,
    terminal    BOOLEAN        NOT NULL,
    org_units   VARCHAR        NOT NULL,
    reported_at DECIMAL(30, 9) NOT NULL,
    updated_at  DECIMAL(30, 9) NOT NULL,
    next_due_at DECIMAL(30, 9)
);
CREATE INDEX ticket_summary_reported ON ticket_summary (reported_at, ticket_id);
CREATE INDEX ticket_summary_state ON ticket_summary (state);
CREATE INDEX ticket_summary_next_due ON ticket_summary (next_due_at);

-- The org units each ticket belongs to, for queries by unit.
CREATE TABLE ticket_org_unit (
    org_unit_id VARCHAR(128) NOT NULL,
    ticket_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (org_unit_id, ticket_id)
);
CREATE INDEX ticket_org_unit_ticket ON ticket_org_unit (ticket_id);

-- Applied commands for the retention window. The primary key makes a command id apply at most once.
CREATE TABLE ticket_command (
    command_id  VARCHAR(128)   NOT NULL PRIMARY KEY,
    fingerprint VARCHAR(128)   NOT NULL,
    ticket_id   VARCHAR(128)   NOT NULL,
    version     BIGINT         NOT NULL,
    recorded_at DECIMAL(30, 9) NOT NULL
);
CREATE INDEX ticket_command_recorded ON ticket_command (recorded_at);

-- The transactional outbox. Delivered rows stay (delivered_at set) so a notification id is never reused
-- and a late markFailed cannot bring one back.
CREATE TABLE outbox (
    notification_id VARCHAR(128)   NOT NULL PRIMARY KEY,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    topic           VARCHAR(128)   NOT NULL,
    recipient_kind  VARCHAR(16)    NOT NULL,
    recipient_id    VARCHAR(128)   NOT NULL,
    ticket_id       VARCHAR(128)   NOT NULL,
    created_at      DECIMAL(30, 9) NOT NULL,
    urgent          BOOLEAN        NOT NULL,
    data            VARCHAR        NOT NULL,
    attempts        INT            NOT NULL,
    next_attempt_at DECIMAL(30, 9) NOT NULL,
    last_error      VARCHAR,
    delivered_at    DECIMAL(30, 9)
);
CREATE INDEX outbox_pending ON outbox (delivered_at, next_attempt_at);
