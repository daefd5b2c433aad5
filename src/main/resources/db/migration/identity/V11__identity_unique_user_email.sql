-- Sign-in takes a username or an email, so an email must name one account of an organization:
-- unique per tenant, compared case-insensitively, as usernames are. Users of old that shared an
-- email keep it on the oldest account; the others lose it, and what they had is kept in
-- identity_email_conflicts for an administrator to settle (give each its own address).
UPDATE users SET email = NULL WHERE email IS NOT NULL AND btrim(email) = '';

CREATE TABLE identity_email_conflicts (
    user_id    UUID        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    email      TEXT        NOT NULL,
    cleared_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO identity_email_conflicts (user_id, tenant_id, email)
SELECT id, tenant_id, email FROM (
    SELECT id, tenant_id, email,
           row_number() OVER (PARTITION BY tenant_id, lower(email) ORDER BY created_at, id) AS n
    FROM users WHERE email IS NOT NULL) ranked
WHERE n > 1;

UPDATE users u SET email = NULL, updated_at = now()
FROM identity_email_conflicts c WHERE c.user_id = u.id;

CREATE UNIQUE INDEX users_tenant_email_uq ON users (tenant_id, lower(email)) WHERE email IS NOT NULL;

CALL turno_isolate('identity_email_conflicts');
