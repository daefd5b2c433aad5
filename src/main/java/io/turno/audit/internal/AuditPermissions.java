package io.turno.audit.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public final class AuditPermissions {

    public static final String READ = "audit:read";
    public static final String VERIFY = "audit:verify";
    public static final String EXPORT = "audit:export";

    @Bean
    ModulePermissions auditModulePermissions() {
        return new ModulePermissions(
                "audit",
                Map.of(
                        READ, Set.of("MANAGER", "SUPERVISOR", "VIEWER"),
                        VERIFY, Set.of(),
                        EXPORT, Set.of()));
    }
}
