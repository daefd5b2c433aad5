package io.turno.audit.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditPermissions {

    @Bean
    ModulePermissions auditModulePermissions() {
        return new ModulePermissions(Map.of(
                "audit:read", Set.of("MANAGER", "SUPERVISOR", "VIEWER"),
                "audit:verify", Set.of(),
                "audit:export", Set.of()));
    }
}
