-- One row per login (the seed's USER_LOGIN). Access tokens name their session (sid); ending the
-- session ends every token of it. The refresh token is stored only as a SHA-256 hash and rotates.

CREATE TABLE user_sessions (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    user_id             UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip                  TEXT,
    user_agent          TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    last_seen_at        TIMESTAMPTZ NOT NULL,
    ended_at            TIMESTAMPTZ,
    end_reason          TEXT CHECK (end_reason IN ('LOGOUT', 'REVOKED', 'TOKEN_REUSE', 'SESSION_LIMIT',
                                                   'PASSWORD_CHANGED', 'IDLE', 'EXPIRED')),
    refresh_token_hash  TEXT        NOT NULL,
    refresh_expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_sessions_open_idx ON user_sessions (user_id, created_at) WHERE ended_at IS NULL;
