-- The platform tenant holds the SUPER_ADMIN users who manage tenants; it has no business data.
ALTER TABLE tenants ADD COLUMN platform BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX tenants_one_platform_uq ON tenants (platform) WHERE platform;

-- Permissions already granted to the built-in roles of existing tenants. A permission missing here
-- is new (a module arrived with a release) and is granted once to the roles that hold it by default.
CREATE TABLE identity_known_permissions (
    permission TEXT PRIMARY KEY,
    known_since TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Deactivating a tenant ends its users' sessions at once.
ALTER TABLE user_sessions DROP CONSTRAINT user_sessions_end_reason_check,
    ADD CONSTRAINT user_sessions_end_reason_check CHECK (end_reason IN ('LOGOUT', 'REVOKED', 'TOKEN_REUSE',
        'SESSION_LIMIT', 'PASSWORD_CHANGED', 'IDLE', 'EXPIRED', 'TENANT_DEACTIVATED'));
