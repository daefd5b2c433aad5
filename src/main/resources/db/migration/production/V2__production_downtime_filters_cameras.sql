-- The minute rollups summed per hour (UTC), kept in the same transaction: a KPI over a month reads
-- ~720 rows per line, area and product instead of ~43,200, and minutes only for the range's edges.
CREATE TABLE production_hour_rollups (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    line_id    UUID        NOT NULL,
    area_id    UUID        NOT NULL,
    product_id UUID        NOT NULL,
    hour       TIMESTAMPTZ NOT NULL CHECK (date_trunc('hour', hour) = hour),
    total      BIGINT      NOT NULL CHECK (total >= 0),
    rejected   BIGINT      NOT NULL CHECK (rejected >= 0 AND rejected <= total),
    PRIMARY KEY (tenant_id, line_id, hour, area_id, product_id)
);
CALL turno_isolate('production_hour_rollups');
INSERT INTO production_hour_rollups (tenant_id, line_id, area_id, product_id, hour, total, rejected)
SELECT tenant_id, line_id, area_id, product_id, date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sum(total), sum(rejected)
FROM production_minute_rollups GROUP BY 1, 2, 3, 4, 5;

-- Downtime found at each line's OUTPUT area, the tenant's FILTER configuration (seed 002), cameras
-- per area, and the maintenance function that drops partitions past the retention.

-- A gap at the line's OUTPUT area longer than its threshold during planned time. A gap is found
-- from its start (a detection or the start of planned time), so the start names it: found again by
-- an overlapping run it is not stored twice.
CREATE TABLE production_downtime_events (
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    line_id    UUID        NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ NOT NULL CHECK (ended_at > started_at),
    reason     TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_downtime_line_fk FOREIGN KEY (tenant_id, line_id) REFERENCES production_lines (tenant_id, id),
    CONSTRAINT production_downtime_start_uq UNIQUE (tenant_id, line_id, started_at),
    CONSTRAINT production_downtime_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_downtime_events');

-- Up to when each line's detections have been searched for downtime.
CREATE TABLE production_downtime_watermarks (
    tenant_id     UUID        NOT NULL REFERENCES tenants (id),
    line_id       UUID        NOT NULL,
    checked_until TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, line_id),
    CONSTRAINT production_downtime_watermark_line_fk FOREIGN KEY (tenant_id, line_id) REFERENCES production_lines (tenant_id, id)
);
CALL turno_isolate('production_downtime_watermarks');

-- Seed 002's FILTER: which filters the plant dashboard shows and how, e.g. additional
-- {"type": "daterange", "required": true, "show_time": true} and default_value {"days_back": 7}.
CREATE TABLE production_filters (
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL REFERENCES tenants (id),
    name          TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status        BOOLEAN     NOT NULL DEFAULT TRUE,
    default_value JSONB,
    additional    JSONB,
    position      INT         NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_filters_name_uq UNIQUE (tenant_id, name),
    CONSTRAINT production_filters_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_filters');

CREATE TABLE production_cameras (
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    area_id    UUID        NOT NULL,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    stream_url TEXT CHECK (stream_url IS NULL OR length(stream_url) BETWEEN 1 AND 1000),
    active     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT production_cameras_area_fk FOREIGN KEY (tenant_id, area_id) REFERENCES production_areas (tenant_id, id),
    CONSTRAINT production_cameras_name_uq UNIQUE (tenant_id, area_id, name),
    CONSTRAINT production_cameras_tenant_id_uq UNIQUE (tenant_id, id)
);
CALL turno_isolate('production_cameras');

-- Drops the monthly partitions that end on or before {@code before}; answers their names. Runs as
-- the tables' owner, like production_ensure_partition.
CREATE OR REPLACE FUNCTION production_drop_partitions(before DATE) RETURNS SETOF TEXT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    part  RECORD;
    month DATE;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'production_detections'::regclass AND c.relname ~ '^production_detections_\d{4}_\d{2}$'
        ORDER BY c.relname
    LOOP
        month := to_date(substr(part.relname, 23), 'YYYY_MM');
        IF month + INTERVAL '1 month' <= before THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            RETURN NEXT part.relname;
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION production_drop_partitions(DATE) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION production_drop_partitions(DATE) TO ${appRole};
