-- SPEC §1 rate limits, shared by every instance: one fixed one-minute window per bucket key
-- ('ip:<address>', 'login-ip:<address>', 'user:<uuid>'). Each request bumps its buckets with one
-- INSERT … ON CONFLICT … DO UPDATE … RETURNING, so concurrent requests on any instance count exactly.
-- Not tenant-owned: an IP address belongs to no tenant. Rows of past windows are deleted opportunistically.

CREATE TABLE identity_rate_limits (
    bucket_key     TEXT        PRIMARY KEY,
    window_start   TIMESTAMPTZ NOT NULL,
    request_count  INTEGER     NOT NULL CHECK (request_count > 0)
);
CREATE INDEX identity_rate_limits_window_idx ON identity_rate_limits (window_start);
