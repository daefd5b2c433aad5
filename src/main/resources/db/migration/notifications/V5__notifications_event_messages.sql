-- The message an event asked for, once per event and recipient however often the event is delivered
-- (Modulith republishes a publication left incomplete by a restart): the key's row is written in the
-- transaction that creates the notification, so a second delivery finds it and sends nothing.
CREATE TABLE notifications_event_messages (
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    event_key       TEXT        NOT NULL,
    notification_id UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_key)
);

CALL turno_isolate('notifications_event_messages');

-- The last downtime alert per line: the next one waits for the throttle's interval to pass.
CREATE TABLE notifications_downtime_alerts (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    line_id    UUID        NOT NULL,
    alerted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, line_id)
);

CALL turno_isolate('notifications_downtime_alerts');
