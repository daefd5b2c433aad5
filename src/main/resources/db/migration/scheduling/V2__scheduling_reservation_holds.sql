-- Reservations with payment (seed 004): the slot is held by an appointment in state HELD while the
-- payment is taken. The hold is an ordinary row, so the exclusion constraint keeps everyone else off
-- the slot meanwhile; hold_expires_at frees a hold whose reservation never came back (a crash
-- between hold and confirm): expired holds are deleted by the reservations job and by any booking
-- that needs their time.
ALTER TABLE scheduling_appointments DROP CONSTRAINT scheduling_appointments_status_check;
ALTER TABLE scheduling_appointments ADD CONSTRAINT scheduling_appointments_status_check
    CHECK (status IN ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'));
ALTER TABLE scheduling_appointments ADD COLUMN hold_expires_at TIMESTAMPTZ;
ALTER TABLE scheduling_appointments ADD CONSTRAINT scheduling_appointments_hold_ck
    CHECK ((status = 'HELD') = (hold_expires_at IS NOT NULL));
CREATE INDEX scheduling_appointments_holds_idx ON scheduling_appointments (hold_expires_at) WHERE status = 'HELD';
