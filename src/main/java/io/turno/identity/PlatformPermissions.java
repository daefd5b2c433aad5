package io.turno.identity;

import java.util.Set;

/** The platform's own permissions: tenant management, held by SUPER_ADMIN only and never grantable by a tenant. */
public final class PlatformPermissions {

    public static final String TENANTS_READ = "tenants:read";
    public static final String TENANTS_CREATE = "tenants:create";
    public static final String TENANTS_UPDATE = "tenants:update";
    public static final String TENANTS_DELETE = "tenants:delete";

    public static final Set<String> ALL = Set.of(TENANTS_READ, TENANTS_CREATE, TENANTS_UPDATE, TENANTS_DELETE);

    private PlatformPermissions() {}
}
