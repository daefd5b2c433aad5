package io.turno.customers.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomersPermissions {

    /** Reception registers and corrects people; those who serve them read the registry (ADMIN holds everything). */
    private static final Set<String> READERS = Set.of("RECEPTIONIST", "MANAGER", "SUPERVISOR", "THERAPIST", "VIEWER");
    private static final Set<String> EDITORS = Set.of("RECEPTIONIST");

    @Bean
    ModulePermissions customersModulePermissions() {
        return new ModulePermissions(Map.of(
                "customers:create", EDITORS, "customers:read", READERS, "customers:update", EDITORS,
                "customers:delete", Set.of()));
    }
}
