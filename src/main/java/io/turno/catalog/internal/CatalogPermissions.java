package io.turno.catalog.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogPermissions {

    /** Everyone who works with services sees the catalog; managers keep it (ADMIN holds everything). */
    private static final Set<String> READERS = Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR",
            "VIEWER");
    private static final Set<String> EDITORS = Set.of("MANAGER");

    @Bean
    ModulePermissions catalogModulePermissions() {
        return new ModulePermissions(Map.of(
                "services:create", EDITORS, "services:read", READERS, "services:update", EDITORS,
                "services:delete", EDITORS));
    }
}
