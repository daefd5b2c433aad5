-- A custom role of an organization may have a dashboard template of its own (issue 21): the organization's
-- versions are no longer tied to a built-in template. The service checks that the role is built-in or one
-- of the organization's own roles; the table keeps only a role code's shape, as identity's roles table does.
ALTER TABLE dashboards_templates DROP CONSTRAINT dashboards_templates_role_fkey;
ALTER TABLE dashboards_templates
    ADD CONSTRAINT dashboards_templates_role_code CHECK (role ~ '^[A-Z][A-Z0-9_]{1,39}$');
