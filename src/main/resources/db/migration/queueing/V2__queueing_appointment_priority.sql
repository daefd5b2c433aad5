-- The priority a customer with an appointment today gets at the kiosk (issue 6's queue link):
-- found by this flag, not by its name, so an organization may rename it. One per tenant at most.
ALTER TABLE queueing_priorities ADD COLUMN appointment_holders BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX queueing_priorities_appointment_holders_uq ON queueing_priorities (tenant_id) WHERE appointment_holders;
