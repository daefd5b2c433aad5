-- Append-only, tamper-evident audit log: each tenant's rows form a SHA-256 hash chain.

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   UUID,                       -- NULL for platform-level actions
    actor_id    UUID,
    actor_name  TEXT,
    action      TEXT        NOT NULL,
    entity_type TEXT,
    entity_id   TEXT,
    summary     JSONB       NOT NULL DEFAULT '{}',
    ip          TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    prev_hash   TEXT        NOT NULL,
    hash        TEXT        NOT NULL
);
CREATE INDEX audit_log_tenant_time_idx ON audit_log (tenant_id, occurred_at DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The one definition of an entry's hash, used when writing and when verifying the chain.
CREATE FUNCTION audit_entry_hash(prev_hash TEXT, tenant_id UUID, actor_id UUID, actor_name TEXT, action TEXT,
                                 entity_type TEXT, entity_id TEXT, summary JSONB, ip TEXT, occurred_at TIMESTAMPTZ)
    RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        prev_hash, coalesce(tenant_id::text, ''), coalesce(actor_id::text, ''), coalesce(actor_name, ''), action,
        coalesce(entity_type, ''), coalesce(entity_id, ''), summary::text, coalesce(ip, ''),
        to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')), 'hex')
$$;
