-- An offer left to expire is passed on to the next patient waiting: the expired entry ends EXPIRED
-- (its patient may join again), and the job finds due offers by their expiry.
ALTER TABLE scheduling_waitlist DROP CONSTRAINT scheduling_waitlist_status_check;
ALTER TABLE scheduling_waitlist ADD CONSTRAINT scheduling_waitlist_status_check
    CHECK (status IN ('WAITING', 'OFFERED', 'BOOKED', 'WITHDRAWN', 'EXPIRED'));
CREATE INDEX scheduling_waitlist_offer_expiry_idx ON scheduling_waitlist (tenant_id, offer_expires_at)
    WHERE status = 'OFFERED';
