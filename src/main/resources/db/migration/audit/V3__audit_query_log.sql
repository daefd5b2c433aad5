-- Dashboard and report queries (the seed's USER_QUERY): who asked what, with which filters, how long it took.
CREATE TABLE audit_query_log (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    user_id         UUID,
    username        TEXT,
    kind            TEXT        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$'),
    filters         JSONB       NOT NULL DEFAULT '{}',
    row_count       BIGINT      NOT NULL CHECK (row_count >= 0),
    duration_ms     BIGINT      NOT NULL CHECK (duration_ms >= 0),
    executed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_query_log_tenant_time_idx ON audit_query_log (tenant_id, executed_at DESC);
CALL turno_isolate('audit_query_log');
