package io.turno.catalog.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public final class CatalogPermissions {

    public static final String SERVICES_READ = "services:read";
    public static final String SERVICES_CREATE = "services:create";
    public static final String SERVICES_UPDATE = "services:update";
    public static final String SERVICES_DELETE = "services:delete";

    /**
     * Everyone who works with services sees the catalog, and patients see what they can book (seed
     * 004); managers keep it (ADMIN holds everything).
     */
    private static final Set<String> READERS =
            Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR", "VIEWER", "PATIENT");

    private static final Set<String> EDITORS = Set.of("MANAGER");

    @Bean
    ModulePermissions catalogModulePermissions() {
        return new ModulePermissions(
                "catalog",
                Map.of(
                        SERVICES_CREATE,
                        EDITORS,
                        SERVICES_READ,
                        READERS,
                        SERVICES_UPDATE,
                        EDITORS,
                        SERVICES_DELETE,
                        EDITORS));
    }
}
