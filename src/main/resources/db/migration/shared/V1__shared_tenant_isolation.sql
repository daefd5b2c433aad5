-- Row-level security for every tenant-owned table (SPEC "Tenancy"): the application connects as
-- ${appRole}, which owns nothing and so cannot bypass the policies. Each connection carries the
-- tenant of the work using it in turno.tenant_id, or turno.unscoped = on for platform work.

CREATE OR REPLACE FUNCTION turno_tenant() RETURNS UUID
    LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('turno.tenant_id', true), '')::uuid $$;

CREATE OR REPLACE FUNCTION turno_unscoped() RETURNS BOOLEAN
    LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('turno.unscoped', true), '') = 'on' $$;

-- One call per tenant-owned table, in the migration that creates it: CALL turno_isolate('tickets');
CREATE OR REPLACE PROCEDURE turno_isolate(tbl REGCLASS)
    LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (turno_unscoped() OR tenant_id = turno_tenant()) '
                   'WITH CHECK (turno_unscoped() OR tenant_id = turno_tenant())', tbl);
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
-- The owner's connections switch to the role with SET ROLE, which needs membership.
GRANT ${appRole} TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${appRole};
