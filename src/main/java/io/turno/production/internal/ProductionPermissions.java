package io.turno.production.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The production module's permissions, each name written once here. */
@Configuration(proxyBeanMethods = false)
public final class ProductionPermissions {

    public static final String PRODUCTION_READ = "production:read";
    public static final String PRODUCTION_CREATE = "production:create";
    public static final String PRODUCTION_UPDATE = "production:update";
    public static final String PRODUCTION_DELETE = "production:delete";
    public static final String PRODUCTION_SOURCES = "production:sources";
    public static final String DETECTIONS_CREATE = "detections:create";
    public static final String DETECTIONS_READ = "detections:read";
    public static final String DOWNTIME_UPDATE = "downtime:update";

    @Bean
    ModulePermissions productionModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        grants.put(PRODUCTION_READ, Set.of("MANAGER", "SUPERVISOR", "VIEWER"));
        grants.put(PRODUCTION_CREATE, Set.of());
        grants.put(PRODUCTION_UPDATE, Set.of());
        grants.put(PRODUCTION_DELETE, Set.of());
        // The organization's own database: its address and credentials, so administrators only by default.
        grants.put(PRODUCTION_SOURCES, Set.of());
        grants.put(DETECTIONS_CREATE, Set.of("OPERATOR", "SUPERVISOR"));
        grants.put(DETECTIONS_READ, Set.of("OPERATOR", "SUPERVISOR", "MANAGER", "VIEWER"));
        grants.put(DOWNTIME_UPDATE, Set.of("OPERATOR", "SUPERVISOR", "MANAGER"));
        return new ModulePermissions("production", grants);
    }
}
