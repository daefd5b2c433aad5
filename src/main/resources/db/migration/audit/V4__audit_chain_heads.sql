-- The last entry of each chain, kept by the statement that appends an entry: a new entry reads its
-- previous hash here with one primary-key probe. Read from audit_log itself ("the tenant's row with
-- the highest id"), the planner, misled by the row-security filter's estimate of one row, sorted the
-- tenant's whole chain for every entry written until the table's first ANALYZE: seconds per batch
-- once a chain held a few thousand entries. The platform's chain (audit_log.tenant_id NULL) is kept
-- under the nil UUID; as in audit_log, a tenant sees only its own row and platform work every row.
CREATE TABLE audit_chain_heads (
    tenant_id UUID   PRIMARY KEY,
    last_id   BIGINT NOT NULL,
    hash      TEXT   NOT NULL
);
INSERT INTO audit_chain_heads (tenant_id, last_id, hash)
SELECT DISTINCT ON (tenant_id) coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'), id, hash
FROM audit_log ORDER BY tenant_id, id DESC;
CALL turno_isolate('audit_chain_heads');
