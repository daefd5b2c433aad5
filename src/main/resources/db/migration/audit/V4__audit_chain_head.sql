-- A new entry reads the hash of its chain's last entry. Asked as "the tenant's row with the highest
-- id", the planner, misled by the row-security filter (it estimates one matching row) and, in a young
-- table, by missing statistics, sorted the tenant's whole chain for every entry written: seconds per
-- batch of entries once a chain held a few thousand. This index answers it with one probe (its order
-- is the query's, NULL for the platform's chain included), and the function leaves the planner no
-- other way: sorting and scanning the table are switched off for its one query only. The log stays
-- append-only: no row is updated per entry (as a table of chain heads would), so no long-running
-- snapshot (a backup, a report) can bloat what each write reads.
CREATE INDEX audit_log_chain_head_idx ON audit_log (tenant_id, id DESC);

CREATE FUNCTION audit_chain_head(chain UUID) RETURNS TEXT
    LANGUAGE plpgsql STABLE
    SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
AS $$
BEGIN
    IF chain IS NULL THEN
        RETURN (SELECT hash FROM audit_log WHERE tenant_id IS NULL ORDER BY tenant_id, id DESC LIMIT 1);
    END IF;
    RETURN (SELECT hash FROM audit_log WHERE tenant_id = chain ORDER BY tenant_id, id DESC LIMIT 1);
END
$$;
