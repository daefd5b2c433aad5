-- Each running instance's dispatcher renews its row every few seconds and names itself on the claims it
-- makes, so the claims of an instance whose heartbeat went stale are taken back in seconds, not after
-- the lease. Not tenant-owned: one row per running process.
CREATE TABLE notification_dispatchers (
    id           UUID PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE notifications ADD COLUMN claimed_by UUID;

-- ASSUMED_DELIVERED: an email attempt interrupted after its commit mark (the whole message was with the
-- server, at most the final dot was still to be written) and before its outcome was recorded.
ALTER TABLE notification_attempts
    DROP CONSTRAINT notification_attempts_outcome_check,
    ADD CONSTRAINT notification_attempts_outcome_check
        CHECK (outcome IN ('SENDING', 'SENT', 'FAILED', 'UNKNOWN', 'ASSUMED_DELIVERED'));
