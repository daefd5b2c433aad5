-- Production monitoring (SPEC §6, seed 002): plant structure, detections partitioned by month and
-- their per-minute rollups. Structure rows are never deleted (detections reference them): DELETE
-- in the API deactivates.

CREATE TABLE production_lines (
    id                         UUID PRIMARY KEY,
    tenant_id                  UUID        NOT NULL REFERENCES tenants (id),
    code                       TEXT        NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]{0,31}$'),
    name                       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    active                     BOOLEAN     NOT NULL DEFAULT TRUE,
    downtime_threshold_seconds INT         NOT NULL DEFAULT 300 CHECK (downtime_threshold_seconds BETWEEN 1 AND 86400),
    created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_lines_code_uq UNIQUE (tenant_id, code),
    CONSTRAINT production_lines_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_lines');

CREATE TABLE production_areas (
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    line_id    UUID        NOT NULL,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type       TEXT        NOT NULL CHECK (type IN ('INPUT', 'OUTPUT', 'QUALITY', 'REJECT')),
    active     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_areas_line_fk FOREIGN KEY (tenant_id, line_id) REFERENCES production_lines (tenant_id, id),
    CONSTRAINT production_areas_name_uq UNIQUE (tenant_id, line_id, name),
    CONSTRAINT production_areas_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_areas');

CREATE TABLE production_products (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID          NOT NULL REFERENCES tenants (id),
    code                TEXT          NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]{0,31}$'),
    name                TEXT          NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    ideal_cycle_seconds NUMERIC(10, 3) NOT NULL CHECK (ideal_cycle_seconds > 0),
    active              BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT production_products_code_uq UNIQUE (tenant_id, code),
    CONSTRAINT production_products_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_products');

-- A shift may cross midnight (end_time < start_time); breaks is [{"start":"10:00","end":"10:15"}, …].
CREATE TABLE production_shifts (
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    start_time TIME        NOT NULL,
    end_time   TIME        NOT NULL CHECK (end_time <> start_time),
    breaks     JSONB       NOT NULL DEFAULT '[]',
    active     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_shifts_name_uq UNIQUE (tenant_id, name),
    CONSTRAINT production_shifts_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_shifts');

-- One row per item seen on a line, partitioned by month of detected_at. The ids reference the
-- structure by value only: a foreign key per row would cost the ingest more than it protects.
CREATE TABLE production_detections (
    tenant_id   UUID        NOT NULL,
    line_id     UUID        NOT NULL,
    area_id     UUID        NOT NULL,
    product_id  UUID        NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL,
    rejected    BOOLEAN     NOT NULL DEFAULT FALSE,
    source_id   TEXT
) PARTITION BY RANGE (detected_at);
CREATE INDEX production_detections_line_time_idx ON production_detections (tenant_id, line_id, detected_at);
CALL turno_isolate('production_detections');

-- The source ids already stored, per tenant: a repeated one is not stored twice. Kept apart from
-- the partitioned table, whose unique keys would have to include the month.
CREATE TABLE production_detection_sources (
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    source_id TEXT NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
    PRIMARY KEY (tenant_id, source_id)
);
CALL turno_isolate('production_detection_sources');

-- Detections per minute, line, area and product, kept in the ingest's transaction.
CREATE TABLE production_minute_rollups (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    line_id    UUID        NOT NULL,
    area_id    UUID        NOT NULL,
    product_id UUID        NOT NULL,
    minute     TIMESTAMPTZ NOT NULL CHECK (date_trunc('minute', minute) = minute),
    total      BIGINT      NOT NULL CHECK (total >= 0),
    rejected   BIGINT      NOT NULL CHECK (rejected >= 0 AND rejected <= total),
    PRIMARY KEY (tenant_id, line_id, minute, area_id, product_id)
);
CALL turno_isolate('production_minute_rollups');

-- The application's role owns nothing, so it creates the month's partition through this function,
-- which runs as the owner of the tables. Answers whether it created one.
CREATE OR REPLACE FUNCTION production_ensure_partition(month DATE) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    first DATE := date_trunc('month', month)::date;
    name  TEXT := format('production_detections_%s', to_char(first, 'YYYY_MM'));
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF production_detections FOR VALUES FROM (%L) TO (%L)',
                   name, first::timestamp AT TIME ZONE 'UTC', (first + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC');
    -- Only through the parent, whose row-level security applies.
    EXECUTE format('REVOKE ALL ON %I FROM ${appRole}', name);
    RETURN TRUE;
EXCEPTION
    -- Another transaction created it at the same moment.
    WHEN duplicate_table OR unique_violation THEN
        RETURN FALSE;
END
$$;
REVOKE ALL ON FUNCTION production_ensure_partition(DATE) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION production_ensure_partition(DATE) TO ${appRole};
