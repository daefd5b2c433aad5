package io.turno.identity.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityPermissions {

    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "VIEWER");

    @Bean
    ModulePermissions identityModulePermissions() {
        return new ModulePermissions(Map.of(
                "users:create", Set.of(), "users:read", READERS, "users:update", Set.of(), "users:delete", Set.of(),
                "roles:create", Set.of(), "roles:read", READERS, "roles:update", Set.of(), "roles:delete", Set.of(),
                "permissions:read", READERS, "permissions:assign", Set.of()));
    }
}
