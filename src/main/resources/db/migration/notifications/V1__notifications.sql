-- Notifications (SPEC §5, seed 000): templates per tenant, channel and language; the notification
-- row is the dispatcher's outbox; every attempt to hand it to a provider is kept.

CREATE TABLE notification_templates (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    code        TEXT        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    channel     TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'WHATSAPP', 'SMS')),
    language    TEXT        NOT NULL CHECK (language IN ('es', 'en')),
    subject     TEXT        CHECK (length(subject) <= 300),
    body        TEXT        NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    variables   TEXT[]      NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, code, channel, language),
    UNIQUE (tenant_id, id)
);
CALL turno_isolate('notification_templates');

CREATE TABLE notifications (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    channel             TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'WHATSAPP', 'SMS')),
    recipient_name      TEXT        NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
    recipient_email     TEXT        CHECK (length(recipient_email) <= 320),
    recipient_phone     TEXT        CHECK (length(recipient_phone) <= 30),
    template_code       TEXT,
    language            TEXT        NOT NULL DEFAULT 'es',
    subject             TEXT,
    body                TEXT        NOT NULL,
    status              TEXT        NOT NULL DEFAULT 'PENDING'
                                    CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts            INT         NOT NULL DEFAULT 0,
    send_at             TIMESTAMPTZ NOT NULL,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    -- When the current attempt was claimed: a SENDING row older than the lease was interrupted.
    claimed_at          TIMESTAMPTZ,
    last_error          TEXT,
    -- The RFC 5322 Message-ID: the same for every attempt, so a receiver can drop a duplicate.
    message_id          TEXT        NOT NULL,
    sent_at             TIMESTAMPTZ,
    created_by          UUID,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
CREATE INDEX notifications_due_ix ON notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notifications_sending_ix ON notifications (claimed_at) WHERE status = 'SENDING';
CREATE INDEX notifications_tenant_created_ix ON notifications (tenant_id, created_at DESC);
CALL turno_isolate('notifications');

CREATE TABLE notification_attempts (
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    notification_id  UUID        NOT NULL,
    number           INT         NOT NULL,
    provider         TEXT        NOT NULL,
    -- SENDING while in flight; UNKNOWN when the process died before the outcome was recorded.
    outcome          TEXT        NOT NULL CHECK (outcome IN ('SENDING', 'SENT', 'FAILED', 'UNKNOWN')),
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    latency_ms       BIGINT,
    error            TEXT,
    FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id),
    UNIQUE (notification_id, number),
    UNIQUE (tenant_id, id)
);
CALL turno_isolate('notification_attempts');
