-- The points ledger (LedgerStore). Portable SQL for H2 2.x and PostgreSQL 12+.
--
-- Positions are gap-free and follow commit order: every append locks the single row of
-- ledger_counter (SELECT ... FOR UPDATE) before it takes positions, so appends take positions and
-- commit one at a time, and a refused (rolled-back) append gives its positions back.

CREATE TABLE ledger_counter (
    id            SMALLINT NOT NULL,
    last_position BIGINT   NOT NULL,
    CONSTRAINT ledger_counter_pk PRIMARY KEY (id)
);
INSERT INTO ledger_counter (id, last_position) VALUES (1, 0);

-- One row per posting; a posting id is stored once (the id is the points module's idempotency key).
CREATE TABLE ledger_postings (
    position   BIGINT            NOT NULL,
    posting_id VARCHAR(128)      NOT NULL,
    debit      VARCHAR(128)      NOT NULL,
    credit     VARCHAR(128)      NOT NULL,
    asset      VARCHAR(128)      NOT NULL,
    amount     BIGINT            NOT NULL,
    kind       VARCHAR(128)      NOT NULL,
    at_seconds BIGINT            NOT NULL,
    at_nanos   INTEGER           NOT NULL,
    details    VARCHAR(1000000)  NOT NULL,
    CONSTRAINT ledger_postings_pk PRIMARY KEY (position),
    CONSTRAINT ledger_postings_posting_id_uk UNIQUE (posting_id),
    CONSTRAINT ledger_postings_amount_ck CHECK (amount > 0)
);

-- An account's version: the number of postings that touched it. Appends move it with
-- UPDATE ... WHERE version = <the version read>, so a stale writer updates no row.
CREATE TABLE ledger_accounts (
    account VARCHAR(128) NOT NULL,
    version BIGINT       NOT NULL,
    CONSTRAINT ledger_accounts_pk PRIMARY KEY (account)
);

-- Each posting touches two accounts; each touch is one version of that account. The primary key
-- (account, version) makes two writers that read the same version unable to both commit.
CREATE TABLE ledger_entries (
    account  VARCHAR(128) NOT NULL,
    version  BIGINT       NOT NULL,
    position BIGINT       NOT NULL,
    CONSTRAINT ledger_entries_pk PRIMARY KEY (account, version),
    CONSTRAINT ledger_entries_posting_fk FOREIGN KEY (position) REFERENCES ledger_postings (position)
);

-- Running balance per asset and account (also one back at zero), for balances(asset).
CREATE TABLE ledger_balances (
    asset   VARCHAR(128) NOT NULL,
    account VARCHAR(128) NOT NULL,
    balance BIGINT       NOT NULL,
    CONSTRAINT ledger_balances_pk PRIMARY KEY (asset, account)
);
