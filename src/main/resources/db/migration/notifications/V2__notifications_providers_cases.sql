-- Providers per tenant (secrets encrypted by the application, never readable back through the API),
-- cases (procesos) that notifications may belong to, fallback channels, and what a provider told us
-- about each attempt (its message id, then delivery statuses from its webhook).

CREATE TABLE notification_providers (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    channel     TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'WHATSAPP', 'SMS')),
    kind        TEXT        NOT NULL CHECK (kind IN ('SMTP', 'WHATSAPP_CLOUD', 'TWILIO')),
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- Lower first: the dispatcher uses the first enabled provider of the channel whose circuit is not open.
    priority    INT         NOT NULL CHECK (priority BETWEEN 1 AND 100),
    enabled     BOOLEAN     NOT NULL DEFAULT true,
    settings    JSONB       NOT NULL DEFAULT '{}',
    -- AES-GCM (12-byte nonce || ciphertext+tag) of a JSON object, bound to tenant and id as associated data.
    secrets     BYTEA,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, channel, priority),
    UNIQUE (tenant_id, id)
);
CALL turno_isolate('notification_providers');

CREATE TABLE cases (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    number      TEXT        NOT NULL CHECK (length(number) BETWEEN 1 AND 50),
    type        TEXT        NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    status      TEXT        NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED')),
    -- [{name, role, email, phone, whatsapp_opt_in}]: read and written whole with the case.
    parties     JSONB       NOT NULL DEFAULT '[]',
    notes       TEXT        CHECK (length(notes) <= 10000),
    created_by  UUID,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, number),
    UNIQUE (tenant_id, id)
);
CALL turno_isolate('cases');

ALTER TABLE notifications
    ADD COLUMN case_id UUID,
    ADD COLUMN fallback_channels TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN variables JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN delivered_at TIMESTAMPTZ,
    ADD CONSTRAINT notifications_case_fk FOREIGN KEY (tenant_id, case_id) REFERENCES cases (tenant_id, id),
    DROP CONSTRAINT notifications_status_check,
    ADD CONSTRAINT notifications_status_check
        CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'CANCELLED'));
CREATE INDEX notifications_case_ix ON notifications (tenant_id, case_id) WHERE case_id IS NOT NULL;

ALTER TABLE notification_attempts
    ADD COLUMN provider_id UUID,
    ADD COLUMN channel TEXT,
    ADD COLUMN provider_message_id TEXT,
    ADD COLUMN delivery_status TEXT,
    ADD COLUMN delivery_updated_at TIMESTAMPTZ,
    -- SMTP only: whether this attempt marks the moment before the final "." of DATA, and that moment.
    -- Interrupted without the mark, the server cannot have the message; with it, it has it.
    ADD COLUMN observes_commit BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN committed_at TIMESTAMPTZ;
CREATE INDEX notification_attempts_provider_message_ix ON notification_attempts (provider_message_id)
    WHERE provider_message_id IS NOT NULL;
