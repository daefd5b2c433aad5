-- Priority queues for service windows (SPEC §3, seed 001). Every row references its tenant's rows
-- only: composite keys (tenant_id, id) make a cross-tenant reference impossible.

CREATE TABLE queueing_branches (
    id                   UUID PRIMARY KEY,
    tenant_id            UUID        NOT NULL REFERENCES tenants (id),
    name                 TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address              TEXT        CHECK (length(address) <= 500),
    time_zone            TEXT        NOT NULL,
    -- {"MONDAY": [{"open": "08:00", "close": "17:00"}], ...}; days absent are closed.
    opening_hours        JSONB       NOT NULL DEFAULT '{}',
    call_policy          TEXT        NOT NULL DEFAULT 'WEIGHTED_WAIT'
                                     CHECK (call_policy IN ('WEIGHTED_WAIT', 'FIFO', 'STRICT_PRIORITY')),
    max_recalls          INT         NOT NULL DEFAULT 3 CHECK (max_recalls BETWEEN 0 AND 20),
    rebalance_threshold  INT         NOT NULL DEFAULT 5 CHECK (rebalance_threshold >= 1),
    active               BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, id)
);

CREATE TABLE queueing_priorities (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    weight      INT         NOT NULL CHECK (weight BETWEEN 1 AND 100),
    description TEXT        CHECK (length(description) <= 500),
    is_default  BOOLEAN     NOT NULL DEFAULT FALSE,
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX queueing_priorities_one_default_uq ON queueing_priorities (tenant_id) WHERE is_default;

CREATE TABLE queueing_queues (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    branch_id   UUID        NOT NULL,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix      TEXT        NOT NULL CHECK (prefix ~ '^[A-Z]{1,3}$'),
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, branch_id) REFERENCES queueing_branches (tenant_id, id),
    UNIQUE (branch_id, prefix),
    UNIQUE (tenant_id, id)
);

CREATE TABLE queueing_queue_services (
    tenant_id   UUID NOT NULL,
    queue_id    UUID NOT NULL,
    service_id  UUID NOT NULL,
    PRIMARY KEY (queue_id, service_id),
    FOREIGN KEY (tenant_id, queue_id) REFERENCES queueing_queues (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, service_id) REFERENCES catalog_services (tenant_id, id)
);

CREATE TABLE queueing_desks (
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    branch_id    UUID        NOT NULL,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    operator_id  UUID,
    active       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, branch_id) REFERENCES queueing_branches (tenant_id, id),
    UNIQUE (branch_id, name),
    UNIQUE (tenant_id, id)
);
-- A person sits at one active desk at a time.
CREATE UNIQUE INDEX queueing_desks_operator_uq ON queueing_desks (tenant_id, operator_id)
    WHERE active AND operator_id IS NOT NULL;

-- The queues a desk serves, in order, and the overflow queues it helps when its own are empty.
CREATE TABLE queueing_desk_queues (
    tenant_id  UUID    NOT NULL,
    desk_id    UUID    NOT NULL,
    queue_id   UUID    NOT NULL,
    position   INT     NOT NULL,
    overflow   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (desk_id, queue_id),
    FOREIGN KEY (tenant_id, desk_id) REFERENCES queueing_desks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, queue_id) REFERENCES queueing_queues (tenant_id, id)
);

-- Ticket numbers per queue and branch-local day. The row is locked by the transaction that takes a
-- number, so numbers are consecutive: a rolled-back ticket gives its number back.
CREATE TABLE queueing_counters (
    tenant_id    UUID NOT NULL,
    queue_id     UUID NOT NULL,
    service_day  DATE NOT NULL,
    last_number  INT  NOT NULL,
    PRIMARY KEY (queue_id, service_day),
    FOREIGN KEY (tenant_id, queue_id) REFERENCES queueing_queues (tenant_id, id)
);

CREATE TABLE queueing_tickets (
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    branch_id       UUID        NOT NULL,
    queue_id        UUID        NOT NULL,
    service_id      UUID        NOT NULL,
    customer_id     UUID,
    priority_id     UUID        NOT NULL,
    weight          INT         NOT NULL CHECK (weight >= 1),
    service_day     DATE        NOT NULL,
    number          INT         NOT NULL CHECK (number >= 1),
    display_number  TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('WAITING', 'CALLED', 'IN_SERVICE', 'COMPLETED', 'NO_SHOW',
                                                            'CANCELLED', 'EXPIRED')),
    -- Arrival: kept when the ticket moves to another queue, so it never loses its place in time.
    issued_at       TIMESTAMPTZ NOT NULL,
    called_at       TIMESTAMPTZ,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    desk_id         UUID,
    -- A ticket transferred to a desk waits for that desk only.
    assigned_desk_id UUID,
    operator_id     UUID,
    recalls         INT         NOT NULL DEFAULT 0,
    close_reason    TEXT,
    public_token    TEXT        NOT NULL UNIQUE,
    FOREIGN KEY (tenant_id, branch_id) REFERENCES queueing_branches (tenant_id, id),
    FOREIGN KEY (tenant_id, queue_id) REFERENCES queueing_queues (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES catalog_services (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    FOREIGN KEY (tenant_id, priority_id) REFERENCES queueing_priorities (tenant_id, id),
    FOREIGN KEY (tenant_id, desk_id) REFERENCES queueing_desks (tenant_id, id),
    FOREIGN KEY (tenant_id, assigned_desk_id) REFERENCES queueing_desks (tenant_id, id),
    UNIQUE (queue_id, service_day, number),
    UNIQUE (tenant_id, id)
);
CREATE INDEX queueing_tickets_waiting_idx ON queueing_tickets (queue_id, issued_at) WHERE status = 'WAITING';
-- A desk's candidates: the longest waiting of each weight in each of its queues.
CREATE INDEX queueing_tickets_waiting_weight_idx ON queueing_tickets (queue_id, weight, issued_at) WHERE status = 'WAITING';
CREATE INDEX queueing_tickets_assigned_idx ON queueing_tickets (assigned_desk_id)
    WHERE status = 'WAITING' AND assigned_desk_id IS NOT NULL;
CREATE INDEX queueing_tickets_desk_idx ON queueing_tickets (desk_id) WHERE status IN ('CALLED', 'IN_SERVICE');
CREATE INDEX queueing_tickets_branch_day_idx ON queueing_tickets (branch_id, service_day);

-- Everything that happened to a ticket, in order: calls, recalls, moves between queues, closing.
CREATE TABLE queueing_ticket_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    ticket_id    UUID        NOT NULL,
    type         TEXT        NOT NULL,
    from_status  TEXT,
    to_status    TEXT        NOT NULL,
    queue_id     UUID,
    desk_id      UUID,
    actor_id     UUID,
    detail       JSONB       NOT NULL DEFAULT '{}',
    occurred_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES queueing_tickets (tenant_id, id)
);
CREATE INDEX queueing_ticket_events_ticket_idx ON queueing_ticket_events (ticket_id, id);

CALL turno_isolate('queueing_branches');
CALL turno_isolate('queueing_priorities');
CALL turno_isolate('queueing_queues');
CALL turno_isolate('queueing_queue_services');
CALL turno_isolate('queueing_desks');
CALL turno_isolate('queueing_desk_queues');
CALL turno_isolate('queueing_counters');
CALL turno_isolate('queueing_tickets');
CALL turno_isolate('queueing_ticket_events');
