-- The organization's own database (seed 002's DB_CLIENT), read only: its structure and its
-- DETECTION_LINE_{code} tables are imported. The password is AES-GCM encrypted by the application
-- (key from configuration), never stored or returned in clear.
CREATE TABLE production_sources (
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind            TEXT        NOT NULL CHECK (kind IN ('MARIADB', 'POSTGRESQL')),
    host            TEXT        NOT NULL,
    port            INT         NOT NULL CHECK (port BETWEEN 1 AND 65535),
    database_name   TEXT        NOT NULL,
    username        TEXT        NOT NULL,
    password_secret BYTEA       NOT NULL,
    active          BOOLEAN     NOT NULL DEFAULT TRUE,
    last_sync_at    TIMESTAMPTZ,
    last_sync_error TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_sources_name_uq UNIQUE (tenant_id, name),
    CONSTRAINT production_sources_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_sources');

-- The last detection_id imported from each of a source's DETECTION_LINE_{code} tables.
CREATE TABLE production_source_watermarks (
    tenant_id   UUID   NOT NULL REFERENCES tenants (id),
    source_id   UUID   NOT NULL,
    line_code   TEXT   NOT NULL,
    last_id     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, source_id, line_code),
    CONSTRAINT production_source_watermarks_source_fk FOREIGN KEY (tenant_id, source_id)
        REFERENCES production_sources (tenant_id, id) ON DELETE CASCADE
);
CALL turno_isolate('production_source_watermarks');
