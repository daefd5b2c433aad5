-- Receipt numbers ("tickets pagados") per tenant, without gaps: the counter row is updated in the
-- transaction that writes the payment, so a rolled-back payment gives its number back and
-- concurrent payments wait for each other's commit.
CREATE TABLE billing_receipt_counters (
    tenant_id   UUID PRIMARY KEY REFERENCES tenants (id),
    last_number BIGINT NOT NULL CHECK (last_number > 0)
);

CALL turno_isolate('billing_receipt_counters');

-- A till's working session: opened with a float, closed with the cash counted.
CREATE TABLE billing_cash_sessions (
    id              UUID PRIMARY KEY,
    tenant_id       UUID          NOT NULL REFERENCES tenants (id),
    till            TEXT          NOT NULL CHECK (length(till) BETWEEN 1 AND 60),
    -- The tenant-local day the session was opened on.
    business_date   DATE          NOT NULL,
    currency        TEXT          NOT NULL DEFAULT 'COP' CHECK (currency ~ '^[A-Z]{3}$'),
    opening_balance NUMERIC(12, 2) NOT NULL CHECK (opening_balance >= 0),
    opened_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    opened_by       UUID          NOT NULL,
    opened_by_name  TEXT          NOT NULL,
    closed_at       TIMESTAMPTZ,
    closed_by       UUID,
    closed_by_name  TEXT,
    counted_cash    NUMERIC(12, 2) CHECK (counted_cash >= 0),
    expected_cash   NUMERIC(12, 2),
    difference      NUMERIC(12, 2),
    notes           TEXT          CHECK (length(notes) <= 1000),
    CONSTRAINT billing_cash_sessions_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT billing_cash_sessions_closed_ck CHECK ((closed_at IS NULL) = (counted_cash IS NULL))
);
-- One open session per till, whoever opens it and on however many instances.
CREATE UNIQUE INDEX billing_cash_sessions_open_till_uq ON billing_cash_sessions (tenant_id, lower(till))
    WHERE closed_at IS NULL;
CREATE INDEX billing_cash_sessions_date_idx ON billing_cash_sessions (tenant_id, business_date);

CALL turno_isolate('billing_cash_sessions');

-- A payment is its own receipt: the receipt's printed data (customer name and document) is kept as
-- it was when paid.
CREATE TABLE billing_payments (
    id                UUID PRIMARY KEY,
    tenant_id         UUID          NOT NULL REFERENCES tenants (id),
    receipt_number    BIGINT        NOT NULL,
    -- Scheduling's appointment (migrated before billing); a reservation's held slot is one too.
    appointment_id    UUID,
    customer_id       UUID          NOT NULL,
    customer_name     TEXT          NOT NULL,
    customer_document TEXT          NOT NULL,
    concept           TEXT          NOT NULL CHECK (length(concept) BETWEEN 1 AND 300),
    method            TEXT          NOT NULL CHECK (method IN ('CASH', 'CARD', 'TRANSFER', 'OTHER')),
    amount            NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    currency          TEXT          NOT NULL DEFAULT 'COP' CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_amount   NUMERIC(12, 2) NOT NULL DEFAULT 0,
    -- The provider's charge id, a transfer's or a card voucher's number.
    reference         TEXT          CHECK (length(reference) <= 120),
    idempotency_key   TEXT          CHECK (length(idempotency_key) BETWEEN 1 AND 120),
    cash_session_id   UUID,
    received_at       TIMESTAMPTZ   NOT NULL,
    received_by       UUID,
    received_by_name  TEXT,
    CONSTRAINT billing_payments_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT billing_payments_receipt_uq UNIQUE (tenant_id, receipt_number),
    CONSTRAINT billing_payments_idempotency_uq UNIQUE (tenant_id, idempotency_key),
    CONSTRAINT billing_payments_refund_ck CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CONSTRAINT billing_payments_customer_fk FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    CONSTRAINT billing_payments_appointment_fk FOREIGN KEY (tenant_id, appointment_id)
        REFERENCES scheduling_appointments (tenant_id, id),
    CONSTRAINT billing_payments_session_fk FOREIGN KEY (tenant_id, cash_session_id)
        REFERENCES billing_cash_sessions (tenant_id, id)
);
CREATE INDEX billing_payments_received_idx ON billing_payments (tenant_id, received_at);
CREATE INDEX billing_payments_appointment_idx ON billing_payments (tenant_id, appointment_id)
    WHERE appointment_id IS NOT NULL;
CREATE INDEX billing_payments_session_idx ON billing_payments (tenant_id, cash_session_id)
    WHERE cash_session_id IS NOT NULL;

CALL turno_isolate('billing_payments');

-- Money given back, by the payment's method; never more than was paid (billing_payments_refund_ck).
CREATE TABLE billing_refunds (
    id               UUID PRIMARY KEY,
    tenant_id        UUID          NOT NULL REFERENCES tenants (id),
    payment_id       UUID          NOT NULL,
    amount           NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    reason           TEXT          NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    cash_session_id  UUID,
    refunded_at      TIMESTAMPTZ   NOT NULL,
    refunded_by      UUID          NOT NULL,
    refunded_by_name TEXT          NOT NULL,
    CONSTRAINT billing_refunds_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT billing_refunds_payment_fk FOREIGN KEY (tenant_id, payment_id) REFERENCES billing_payments (tenant_id, id),
    CONSTRAINT billing_refunds_session_fk FOREIGN KEY (tenant_id, cash_session_id)
        REFERENCES billing_cash_sessions (tenant_id, id)
);
CREATE INDEX billing_refunds_refunded_idx ON billing_refunds (tenant_id, refunded_at);
CREATE INDEX billing_refunds_payment_idx ON billing_refunds (tenant_id, payment_id);

CALL turno_isolate('billing_refunds');
