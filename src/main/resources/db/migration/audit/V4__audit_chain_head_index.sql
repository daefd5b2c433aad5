-- Each entry reads its chain's last hash, under the chain's lock: one index probe, whatever the log's size.
CREATE INDEX audit_log_chain_idx ON audit_log (tenant_id, id);

-- The chain's last hash (NULL: the platform's chain), read backwards through audit_log_chain_idx.
-- enable_sort is off inside this function only: with statistics older than a burst of entries
-- (autovacuum analyzes a minute later at best) the planner expects a handful of rows and fetches
-- all of the chain's entries to sort them, thousands of rows read while every writer of the
-- organization waits on the chain's lock. Row-level security applies as to any query of the caller.
CREATE FUNCTION audit_chain_head(chain_tenant UUID) RETURNS TEXT
    LANGUAGE sql STABLE SET enable_sort = off AS $$
    SELECT CASE WHEN chain_tenant IS NULL
                THEN (SELECT hash FROM audit_log WHERE tenant_id IS NULL ORDER BY id DESC LIMIT 1)
                ELSE (SELECT hash FROM audit_log WHERE tenant_id = chain_tenant ORDER BY id DESC LIMIT 1) END
$$;
