-- Each instance keeps the open sessions it has recently checked in memory (SessionCache). When a
-- change that can end a session, or change who its user is and what they may do, commits, channel
-- turno_identity tells every instance what to forget: 'session:<id>', 'user:<id>' or 'tenant:<id>'
-- (a tenant's row moves with every change to its roles and grants, see V7). Logins write other
-- columns of users (last login, failures), so they notify nobody.
CREATE FUNCTION identity_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed UUID;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD.id; ELSE changed := NEW.id; END IF;
    PERFORM pg_notify('turno_identity', CASE TG_TABLE_NAME
        WHEN 'user_sessions' THEN 'session:'
        WHEN 'users' THEN 'user:'
        ELSE 'tenant:' END || changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER user_sessions_ended AFTER UPDATE OF ended_at ON user_sessions
    FOR EACH ROW WHEN (NEW.ended_at IS NOT NULL) EXECUTE FUNCTION identity_notify_change();
CREATE TRIGGER user_sessions_deleted AFTER DELETE ON user_sessions
    FOR EACH ROW EXECUTE FUNCTION identity_notify_change();
CREATE TRIGGER users_changed AFTER UPDATE OF username, full_name, email, active, tenant_id OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION identity_notify_change();
CREATE TRIGGER tenants_changed AFTER UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION identity_notify_change();
