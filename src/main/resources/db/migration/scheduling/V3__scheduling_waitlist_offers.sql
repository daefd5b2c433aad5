-- A waitlist offer is accepted through an emailed link: only the SHA-256 of the link's secret is
-- kept (offer_token_hash), the link works until offer_expires_at and once (status BOOKED, with the
-- appointment it made).
ALTER TABLE scheduling_waitlist DROP CONSTRAINT scheduling_waitlist_status_check;
ALTER TABLE scheduling_waitlist ADD CONSTRAINT scheduling_waitlist_status_check
    CHECK (status IN ('WAITING', 'OFFERED', 'BOOKED', 'WITHDRAWN'));
ALTER TABLE scheduling_waitlist ADD COLUMN offer_token_hash TEXT UNIQUE;
ALTER TABLE scheduling_waitlist ADD COLUMN offer_expires_at TIMESTAMPTZ;
ALTER TABLE scheduling_waitlist ADD COLUMN appointment_id UUID;
