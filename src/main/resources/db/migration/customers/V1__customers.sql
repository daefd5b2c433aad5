-- The tenant's one registry of the people it serves: queue tickets, appointments and clinical
-- records all point here. Rows are never deleted: DELETE in the API deactivates.

CREATE TABLE customers (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    document_type       TEXT        NOT NULL CHECK (document_type IN ('CC', 'CE', 'TI', 'PA', 'NIT', 'RC', 'PEP')),
    -- Normalized: upper case, without spaces, dots or hyphens.
    document_number     TEXT        NOT NULL CHECK (document_number ~ '^[A-Z0-9]{3,20}$'),
    full_name           TEXT        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    phone               TEXT        CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    email               TEXT        CHECK (length(email) <= 254),
    whatsapp_opt_in     BOOLEAN     NOT NULL DEFAULT FALSE,
    -- A queueing priority; queueing arrives later, so no foreign key.
    default_priority_id UUID,
    active              BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT customers_document_uq UNIQUE (tenant_id, document_type, document_number),
    -- Lets other modules reference a customer with (tenant_id, customer_id), so a row can never
    -- point at another tenant's customer.
    CONSTRAINT customers_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT customers_whatsapp_needs_phone_ck CHECK (NOT whatsapp_opt_in OR phone IS NOT NULL)
);
CREATE INDEX customers_tenant_name_idx ON customers (tenant_id, lower(full_name));

CALL turno_isolate('customers');
