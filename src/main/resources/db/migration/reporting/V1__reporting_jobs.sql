-- A report run in the background: who asked (with the permissions they held then, which the run keeps),
-- what (report, format, parameters as name=value, language), where it is (status, rows written,
-- percent, the instance that claimed it) and, once DONE, its file. The file lives in the row: any
-- instance can answer the download, and it is written in the same UPDATE that makes the job DONE, so a
-- job is never DONE with half a file.
CREATE TABLE reporting_jobs (
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL REFERENCES tenants (id),
    owner_id      UUID        NOT NULL,
    owner_name    TEXT        NOT NULL,
    authorities   TEXT[]      NOT NULL,
    report        TEXT        NOT NULL,
    format        TEXT        NOT NULL CHECK (format IN ('JSON', 'CSV', 'XLSX', 'PDF')),
    parameters    TEXT[]      NOT NULL,
    semicolon     BOOLEAN     NOT NULL DEFAULT false,
    language      TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
    rows_done     BIGINT      NOT NULL DEFAULT 0,
    rows_total    BIGINT,
    percent       INTEGER     NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    -- How many times an instance claimed it: 1 unless a claiming instance died and it was taken back.
    attempts      INTEGER     NOT NULL DEFAULT 0,
    claimed_by    UUID,
    error         TEXT,
    file_name     TEXT,
    file          BYTEA,
    created_at    TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    CONSTRAINT reporting_jobs_done_ck CHECK ((status = 'DONE') = (file IS NOT NULL))
);
CREATE INDEX reporting_jobs_queued_idx ON reporting_jobs (created_at) WHERE status = 'QUEUED';
CREATE INDEX reporting_jobs_running_idx ON reporting_jobs (claimed_by) WHERE status = 'RUNNING';
CREATE INDEX reporting_jobs_owner_idx ON reporting_jobs (tenant_id, owner_id, created_at);

CALL turno_isolate('reporting_jobs');

-- Each instance's job runner renews its row every few seconds; the RUNNING jobs of an instance whose
-- heartbeat went stale are queued again. Not tenant-owned: one row per running process.
CREATE TABLE reporting_runners (
    id           UUID PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
