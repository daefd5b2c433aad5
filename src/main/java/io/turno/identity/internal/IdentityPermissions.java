package io.turno.identity.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The permissions of identity's tenant administration, declared once; tenant management is {@code PlatformPermissions}. */
@Configuration(proxyBeanMethods = false)
public final class IdentityPermissions {

    public static final String USERS_CREATE = "users:create";
    public static final String USERS_READ = "users:read";
    public static final String USERS_UPDATE = "users:update";
    public static final String USERS_DELETE = "users:delete";
    public static final String ROLES_CREATE = "roles:create";
    public static final String ROLES_READ = "roles:read";
    public static final String ROLES_UPDATE = "roles:update";
    public static final String ROLES_DELETE = "roles:delete";
    public static final String PERMISSIONS_READ = "permissions:read";
    public static final String PERMISSIONS_ASSIGN = "permissions:assign";

    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "VIEWER");

    @Bean
    ModulePermissions identityModulePermissions() {
        return new ModulePermissions(
                "identity",
                Map.of(
                        USERS_CREATE,
                        Set.of(),
                        USERS_READ,
                        READERS,
                        USERS_UPDATE,
                        Set.of(),
                        USERS_DELETE,
                        Set.of(),
                        ROLES_CREATE,
                        Set.of(),
                        ROLES_READ,
                        READERS,
                        ROLES_UPDATE,
                        Set.of(),
                        ROLES_DELETE,
                        Set.of(),
                        PERMISSIONS_READ,
                        READERS,
                        PERMISSIONS_ASSIGN,
                        Set.of()));
    }
}
