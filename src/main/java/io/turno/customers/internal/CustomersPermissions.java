package io.turno.customers.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomersPermissions {

    static final String CUSTOMERS_CREATE = "customers:create";
    static final String CUSTOMERS_READ = "customers:read";
    static final String CUSTOMERS_UPDATE = "customers:update";
    static final String CUSTOMERS_DELETE = "customers:delete";

    /** Reception registers and corrects people; those who serve them read the registry (ADMIN holds everything). */
    private static final Set<String> READERS = Set.of("RECEPTIONIST", "MANAGER", "SUPERVISOR", "THERAPIST", "VIEWER");

    private static final Set<String> EDITORS = Set.of("RECEPTIONIST");

    @Bean
    ModulePermissions customersModulePermissions() {
        return new ModulePermissions(
                "customers",
                Map.of(
                        CUSTOMERS_CREATE,
                        EDITORS,
                        CUSTOMERS_READ,
                        READERS,
                        CUSTOMERS_UPDATE,
                        EDITORS,
                        CUSTOMERS_DELETE,
                        Set.of()));
    }
}
