-- Tenants, users and roles: the identity every module's rows belong to.

CREATE TABLE tenants (
    id          UUID PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        TEXT        NOT NULL,
    time_zone   TEXT        NOT NULL DEFAULT 'America/Bogota',
    locale      TEXT        NOT NULL DEFAULT 'es',
    currency    CHAR(3)     NOT NULL DEFAULT 'COP',
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    settings    JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE roles (
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    code        TEXT        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name        TEXT        NOT NULL,
    built_in    BOOLEAN     NOT NULL DEFAULT FALSE,
    permissions TEXT[]      NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, code)
);

CREATE TABLE users (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    username            TEXT        NOT NULL CHECK (length(username) BETWEEN 3 AND 64),
    email               TEXT,
    full_name           TEXT        NOT NULL,
    password_hash       TEXT        NOT NULL,
    active              BOOLEAN     NOT NULL DEFAULT TRUE,
    failed_logins       INT         NOT NULL DEFAULT 0,
    locked_until        TIMESTAMPTZ,
    last_login_at       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Usernames are compared case-insensitively: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX users_tenant_username_uq ON users (tenant_id, lower(username));

CREATE TABLE user_roles (
    tenant_id UUID NOT NULL REFERENCES tenants (id),
    user_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id   UUID NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE user_permissions (
    tenant_id  UUID NOT NULL REFERENCES tenants (id),
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (user_id, permission)
);
