-- A finished job's file is kept for a configurable time, then removed: the job stays, EXPIRED, without
-- its file. notify_email: the address its owner asked to be told at when the job is done (null: none).
ALTER TABLE reporting_jobs DROP CONSTRAINT reporting_jobs_status_check;
ALTER TABLE reporting_jobs ADD CONSTRAINT reporting_jobs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED', 'EXPIRED'));
ALTER TABLE reporting_jobs ADD COLUMN notify_email TEXT;
CREATE INDEX reporting_jobs_done_idx ON reporting_jobs (finished_at) WHERE status = 'DONE';
