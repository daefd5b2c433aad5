-- When the job's owner first downloaded its file: until then, every page tells them it is ready
-- (web.PageNotice), so a job that finished while they were elsewhere is not missed.
ALTER TABLE reporting_jobs ADD COLUMN downloaded_at TIMESTAMPTZ;
CREATE INDEX reporting_jobs_ready_idx ON reporting_jobs (tenant_id, owner_id)
    WHERE status = 'DONE' AND downloaded_at IS NULL;
