-- Failed sign-ins per source address, across tenants and users: one address guessing many accounts
-- is locked out like one account guessed many times (SPEC §1, "counted per user and per source IP").
CREATE TABLE identity_ip_failures (
    ip           TEXT        PRIMARY KEY,
    failures     INT         NOT NULL,
    locked_until TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);
