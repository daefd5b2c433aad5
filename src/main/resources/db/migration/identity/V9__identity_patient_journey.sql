-- Seed 004's patient journey (issue 23).

-- Patients read the service catalog (what they can book): granted to the PATIENT role of every
-- organization that exists already; new organizations get it from CatalogPermissions.
UPDATE roles SET permissions = array_append(permissions, 'services:read'), updated_at = now()
WHERE code = 'PATIENT' AND built_in AND NOT ('services:read' = ANY (permissions));

-- "Forgot password": one row per emailed link. Only the SHA-256 of the link's secret is kept, so a
-- reader of this table cannot use a link; a link works once (used_at) and until expires_at.
CREATE TABLE identity_password_resets (
    token_hash  TEXT        PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX identity_password_resets_user ON identity_password_resets (tenant_id, user_id);
CALL turno_isolate('identity_password_resets');
