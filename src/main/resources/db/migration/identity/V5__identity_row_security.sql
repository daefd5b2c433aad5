-- Tenants are the platform's own table (login looks a tenant up by slug before any scope exists);
-- everything that belongs to one tenant is isolated.
CALL turno_isolate('roles');
CALL turno_isolate('users');
CALL turno_isolate('user_roles');
CALL turno_isolate('user_permissions');
CALL turno_isolate('user_sessions');
