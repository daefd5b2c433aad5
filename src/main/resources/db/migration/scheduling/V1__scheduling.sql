-- Appointments with practitioners (SPEC §4, seeds 003 and 004). Every row references its tenant's
-- rows only: composite keys (tenant_id, id) make a cross-tenant reference impossible.

-- Lets the exclusion constraint below compare UUIDs with = inside a GiST index.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A practitioner is a sign-in account (usually a THERAPIST) that can be booked. Times of the plan
-- are local to time_zone.
CREATE TABLE scheduling_practitioners (
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenants (id),
    user_id      UUID        NOT NULL,
    display_name TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    time_zone    TEXT        NOT NULL DEFAULT 'America/Bogota',
    active       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, user_id),
    UNIQUE (tenant_id, id)
);

CREATE TABLE scheduling_practitioner_services (
    tenant_id       UUID NOT NULL,
    practitioner_id UUID NOT NULL,
    service_id      UUID NOT NULL,
    PRIMARY KEY (practitioner_id, service_id),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, service_id) REFERENCES catalog_services (tenant_id, id)
);

-- The weekly plan: working intervals and breaks per ISO day of week (1 = Monday), local times.
CREATE TABLE scheduling_weekly_intervals (
    tenant_id       UUID    NOT NULL,
    practitioner_id UUID    NOT NULL,
    day_of_week     SMALLINT NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    kind            TEXT    NOT NULL CHECK (kind IN ('WORK', 'BREAK')),
    start_time      TIME    NOT NULL,
    end_time        TIME    NOT NULL CHECK (end_time > start_time),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX scheduling_weekly_intervals_idx ON scheduling_weekly_intervals (practitioner_id);

-- A date whose hours differ from the plan (a holiday: no interval; a Saturday clinic: its hours).
-- The exception's intervals replace that day's working intervals and breaks.
CREATE TABLE scheduling_date_exceptions (
    tenant_id       UUID NOT NULL,
    practitioner_id UUID NOT NULL,
    on_date         DATE NOT NULL,
    start_time      TIME,
    end_time        TIME,
    CHECK ((start_time IS NULL) = (end_time IS NULL) AND (end_time IS NULL OR end_time > start_time)),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX scheduling_date_exceptions_idx ON scheduling_date_exceptions (practitioner_id, on_date);

CREATE TABLE scheduling_time_off (
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    reason          TEXT        CHECK (length(reason) <= 500),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id) ON DELETE CASCADE,
    UNIQUE (tenant_id, id)
);
CREATE INDEX scheduling_time_off_idx ON scheduling_time_off (practitioner_id, starts_at);

CREATE TABLE scheduling_appointments (
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    customer_id     UUID        NOT NULL,
    service_id      UUID        NOT NULL,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    status          TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'IN_PROGRESS',
                                                           'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    notes           TEXT        CHECK (length(notes) <= 2000),
    cancel_reason   TEXT        CHECK (length(cancel_reason) <= 500),
    series_id       UUID,
    created_by      UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES catalog_services (tenant_id, id),
    UNIQUE (tenant_id, id),
    -- No double booking, whatever the concurrency and however many instances: two live appointments
    -- of one practitioner never overlap ([start, end), so back-to-back sessions are fine).
    CONSTRAINT scheduling_appointments_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, practitioner_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (status <> 'CANCELLED')
);
CREATE INDEX scheduling_appointments_customer_idx ON scheduling_appointments (tenant_id, customer_id, starts_at);
CREATE INDEX scheduling_appointments_agenda_idx ON scheduling_appointments (tenant_id, practitioner_id, starts_at);
CREATE INDEX scheduling_appointments_start_idx ON scheduling_appointments (tenant_id, starts_at);

-- A patient waiting for a freed slot of a practitioner (and service) between two dates.
CREATE TABLE scheduling_waitlist (
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    customer_id     UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    service_id      UUID        NOT NULL,
    date_from       DATE        NOT NULL,
    date_to         DATE        NOT NULL CHECK (date_to >= date_from),
    status          TEXT        NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING', 'OFFERED', 'WITHDRAWN')),
    offered_start   TIMESTAMPTZ,
    offered_end     TIMESTAMPTZ,
    offered_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, practitioner_id) REFERENCES scheduling_practitioners (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES catalog_services (tenant_id, id),
    UNIQUE (tenant_id, id)
);
CREATE INDEX scheduling_waitlist_waiting_idx ON scheduling_waitlist (practitioner_id, created_at) WHERE status = 'WAITING';

CALL turno_isolate('scheduling_practitioners');
CALL turno_isolate('scheduling_practitioner_services');
CALL turno_isolate('scheduling_weekly_intervals');
CALL turno_isolate('scheduling_date_exceptions');
CALL turno_isolate('scheduling_time_off');
CALL turno_isolate('scheduling_appointments');
CALL turno_isolate('scheduling_waitlist');
