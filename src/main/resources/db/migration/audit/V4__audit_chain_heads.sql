-- The last entry of each chain (a tenant's, or the platform's when tenant_id is NULL), kept by the
-- statement that appends an entry: a new entry reads its previous hash here with one unique-index
-- probe. Read from audit_log itself ("the row with the highest id of this tenant") the planner,
-- misled by the row-security filter's estimate, sorted every entry of the tenant for every entry
-- written: seconds per batch once a chain held a few thousand entries. Like audit_log, platform
-- work only sees the platform's row and a tenant only its own.
CREATE TABLE audit_chain_heads (
    tenant_id UUID,
    last_id   BIGINT NOT NULL,
    hash      TEXT   NOT NULL,
    CONSTRAINT audit_chain_heads_tenant_uq UNIQUE NULLS NOT DISTINCT (tenant_id)
);
INSERT INTO audit_chain_heads (tenant_id, last_id, hash)
SELECT DISTINCT ON (tenant_id) tenant_id, id, hash FROM audit_log ORDER BY tenant_id, id DESC;
CALL turno_isolate('audit_chain_heads');
