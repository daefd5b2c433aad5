-- One 24-hour reminder per appointment, whatever the instances and however often the job runs: the
-- reminder's row is written in the transaction that creates its notification. A moved appointment
-- loses its row, so its new time is reminded of.
CREATE TABLE notifications_appointment_reminders (
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    appointment_id  UUID        NOT NULL,
    notification_id UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, appointment_id)
);

CALL turno_isolate('notifications_appointment_reminders');
