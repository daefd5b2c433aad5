-- Entries join their chain when their transaction commits, not when they are written.
--
-- Before, an entry took its chain's lock when it was inserted and kept it until the transaction
-- ended: the round trip back to the application, whatever it did next, and the COMMIT's own trip.
-- One organization's audited writes (bookings, for one) went one at a time at the pace of that
-- whole stretch. Now an entry is inserted unlinked, and a deferred trigger links it while the
-- transaction commits, inside the server: the lock is held for the few microseconds of the link.
--
-- An entry's place in its chain is chain_seq (1, 2, 3… per chain), not its id: ids are handed out
-- when rows are written, and transactions commit in another order. Entries written before this
-- migration were linked in id order, so that is their place.

ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;

ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log l SET chain_seq = n.seq
FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) AS seq FROM audit_log) n
WHERE n.id = l.id;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

-- A linked entry is complete; only an unlinked one, still inside its transaction, has no hash.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_linked_whole
    CHECK ((chain_seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL));

DROP INDEX audit_log_chain_head_idx;
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (tenant_id, chain_seq) NULLS NOT DISTINCT
    WHERE chain_seq IS NOT NULL;

-- Append-only, but for the one change linking makes: an unlinked entry gets its place and hashes,
-- and nothing else about it changes.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
            AND to_jsonb(OLD) - '{chain_seq,prev_hash,hash}'::text[] = to_jsonb(NEW) - '{chain_seq,prev_hash,hash}'::text[] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP FUNCTION audit_chain_head(UUID);

-- The committing transaction's own unlinked entries: no other transaction's can be seen, since
-- every committed entry is linked.
CREATE INDEX audit_log_unlinked_idx ON audit_log (tenant_id) WHERE hash IS NULL;

-- Runs as the table's owner: the chain's head is read whatever the committing connection may see,
-- and the connection itself never needs to update the log.
-- At its first link a transaction locks every chain it wrote to, in one order (by tenant, the
-- platform's last): two transactions writing to the same two chains (an organization's and the
-- platform administrator's, say) never wait for each other crosswise.
CREATE FUNCTION audit_log_link() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
AS $$
DECLARE
    head RECORD;
    prev TEXT;
BEGIN
    IF current_setting('turno.audit_chains_locked', true) IS DISTINCT FROM 'on' THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(chain::text, 'platform'), 0))
        FROM (SELECT DISTINCT tenant_id AS chain FROM audit_log WHERE hash IS NULL ORDER BY 1) chains;
        PERFORM set_config('turno.audit_chains_locked', 'on', true);
    END IF;
    -- One probe of the chain's index each (IS NOT DISTINCT FROM could not use it).
    IF NEW.tenant_id IS NULL THEN
        SELECT chain_seq, hash INTO head FROM audit_log
        WHERE tenant_id IS NULL AND chain_seq IS NOT NULL ORDER BY tenant_id, chain_seq DESC LIMIT 1;
    ELSE
        SELECT chain_seq, hash INTO head FROM audit_log
        WHERE tenant_id = NEW.tenant_id AND chain_seq IS NOT NULL ORDER BY tenant_id, chain_seq DESC LIMIT 1;
    END IF;
    prev := coalesce(head.hash, repeat('0', 64));
    UPDATE audit_log
    SET chain_seq = coalesce(head.chain_seq, 0) + 1,
        prev_hash = prev,
        hash = audit_entry_hash(prev, NEW.tenant_id, NEW.actor_id, NEW.actor_name, NEW.action, NEW.entity_type,
                                NEW.entity_id, NEW.summary, NEW.ip, NEW.occurred_at)
    WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_log_link_at_commit
    AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit_log_link();
