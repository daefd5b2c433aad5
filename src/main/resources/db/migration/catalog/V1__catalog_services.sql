-- The tenant's service catalog: what queues serve (walk_in) and what can be booked (bookable).
-- Rows are never deleted (tickets and appointments reference them): DELETE in the API deactivates.

CREATE TABLE catalog_services (
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL REFERENCES tenants (id),
    code             TEXT        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]{0,31}$'),
    name             TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description      TEXT        CHECK (length(description) <= 2000),
    walk_in          BOOLEAN     NOT NULL DEFAULT TRUE,
    bookable         BOOLEAN     NOT NULL DEFAULT TRUE,
    duration_minutes INT         CHECK (duration_minutes BETWEEN 1 AND 1440),
    -- Money: an exact decimal and its ISO-4217 currency, both or neither.
    price            NUMERIC(14, 4) CHECK (price >= 0),
    currency         CHAR(3)     CHECK (currency ~ '^[A-Z]{3}$'),
    active           BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT catalog_services_code_uq UNIQUE (tenant_id, code),
    -- Lets other modules reference a service with (tenant_id, service_id), so a row can never point
    -- at another tenant's service.
    CONSTRAINT catalog_services_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT catalog_services_price_currency_ck CHECK ((price IS NULL) = (currency IS NULL))
);
CREATE INDEX catalog_services_tenant_name_idx ON catalog_services (tenant_id, lower(name));

CALL turno_isolate('catalog_services');
