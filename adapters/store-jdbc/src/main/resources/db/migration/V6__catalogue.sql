-- The points supermarket's catalogue (CatalogueStore): item definitions only; stock lives in the
-- ledger. Portable SQL for H2 2.x and PostgreSQL 12+.
--
-- One row per item, never deleted: retired_at marks a retired item, because reservations and
-- postings name its code. Every change is a single UPDATE ... WHERE code = ? AND version = ?, so of
-- editors who read the same version exactly one changes the row; creation relies on the primary
-- key. Instants are epoch seconds + nanoseconds (a TIMESTAMP keeps only microseconds on PostgreSQL).
-- list() orders in Java, not by ORDER BY code: PostgreSQL's locale collation ignores case and
-- punctuation, the SPI orders as String.compareTo.
CREATE TABLE catalogue_items (
    code                 VARCHAR(64)  NOT NULL,
    version              BIGINT       NOT NULL,
    name_zh              VARCHAR(200) NOT NULL,
    name_en              VARCHAR(200) NOT NULL,
    cost                 BIGINT       NOT NULL,
    per_member_limit     INTEGER      NOT NULL,
    active_from_seconds  BIGINT       NOT NULL,
    active_from_nanos    INTEGER      NOT NULL,
    active_until_seconds BIGINT,
    active_until_nanos   INTEGER,
    pickup_place         VARCHAR(500) NOT NULL,
    retired_at_seconds   BIGINT,
    retired_at_nanos     INTEGER,
    CONSTRAINT catalogue_items_pk PRIMARY KEY (code),
    CONSTRAINT catalogue_items_version_ck CHECK (version >= 1),
    CONSTRAINT catalogue_items_cost_ck CHECK (cost >= 1),
    CONSTRAINT catalogue_items_limit_ck CHECK (per_member_limit >= 1)
);
