-- Moves whenever a tenant's roles or grants change. An instance keeps each user's roles and
-- permissions in memory and reads only this number on every request: a change made anywhere is
-- seen on the next request, on every instance, without aggregating the grants each time.
ALTER TABLE tenants ADD COLUMN acl_version BIGINT NOT NULL DEFAULT 0;

-- Definer's rights: the application role may change a tenant's roles without being allowed to
-- change the tenant row itself.
CREATE FUNCTION identity_acl_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE tenants SET acl_version = acl_version + 1
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
    RETURN NULL;
END
$$;

CREATE TRIGGER roles_acl_changed AFTER INSERT OR UPDATE OR DELETE ON roles
    FOR EACH ROW EXECUTE FUNCTION identity_acl_changed();
CREATE TRIGGER user_roles_acl_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles
    FOR EACH ROW EXECUTE FUNCTION identity_acl_changed();
CREATE TRIGGER user_permissions_acl_changed AFTER INSERT OR UPDATE OR DELETE ON user_permissions
    FOR EACH ROW EXECUTE FUNCTION identity_acl_changed();
