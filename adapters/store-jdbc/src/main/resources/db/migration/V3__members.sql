-- Members, teams, service tasks and activities (MemberStore). Portable SQL for H2 2.x and
-- PostgreSQL 12+.
--
-- Feed positions grow in commit order: every append locks the single row of member_counter
-- (SELECT ... FOR UPDATE) before it takes positions, so appends take positions and commit one at a
-- time and a reader following the feed never skips an event committed late.

CREATE TABLE member_counter (
    id            SMALLINT NOT NULL,
    last_position BIGINT   NOT NULL,
    CONSTRAINT member_counter_pk PRIMARY KEY (id)
);
INSERT INTO member_counter (id, last_position) VALUES (1, 0);

-- A command id is used once in the whole store, on any stream.
CREATE TABLE member_commands (
    command_id VARCHAR(128) NOT NULL,
    stream     VARCHAR(128) NOT NULL,
    CONSTRAINT member_commands_pk PRIMARY KEY (command_id)
);

-- Events carry no personal data; event_type is the registered name of the event record
-- (MemberEventTypes) and payload its JSON.
CREATE TABLE member_events (
    position   BIGINT           NOT NULL,
    stream     VARCHAR(128)     NOT NULL,
    version    BIGINT           NOT NULL,
    at_seconds BIGINT           NOT NULL,
    at_nanos   INTEGER          NOT NULL,
    actor      VARCHAR(128)     NOT NULL,
    command_id VARCHAR(128)     NOT NULL,
    event_type VARCHAR(500)     NOT NULL,
    payload    VARCHAR(1000000) NOT NULL,
    CONSTRAINT member_events_pk PRIMARY KEY (position),
    CONSTRAINT member_events_stream_version_uk UNIQUE (stream, version),
    CONSTRAINT member_events_command_fk FOREIGN KEY (command_id) REFERENCES member_commands (command_id)
);
CREATE INDEX member_events_command_ix ON member_events (command_id, version);

-- The personal data vault, apart from the streams: one row per member, replaced on put and
-- deleted on erasure (no history is kept anywhere).
CREATE TABLE member_personal_data (
    member             VARCHAR(128) NOT NULL,
    name               VARCHAR(100) NOT NULL,
    phone              VARCHAR(11)  NOT NULL,
    id_number          VARCHAR(18),
    consent_at_seconds BIGINT       NOT NULL,
    consent_at_nanos   INTEGER      NOT NULL,
    consent_text       VARCHAR(200) NOT NULL,
    CONSTRAINT member_personal_data_pk PRIMARY KEY (member)
);
