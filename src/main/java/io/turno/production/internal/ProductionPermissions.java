package io.turno.production.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProductionPermissions {

    @Bean
    ModulePermissions productionModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        grants.put("production:read", Set.of("MANAGER", "SUPERVISOR", "VIEWER"));
        grants.put("production:create", Set.of());
        grants.put("production:update", Set.of());
        grants.put("production:delete", Set.of());
        grants.put("detections:create", Set.of("OPERATOR", "SUPERVISOR"));
        grants.put("detections:read", Set.of("OPERATOR", "SUPERVISOR", "MANAGER", "VIEWER"));
        grants.put("downtime:update", Set.of("OPERATOR", "SUPERVISOR", "MANAGER"));
        return new ModulePermissions(grants);
    }
}
