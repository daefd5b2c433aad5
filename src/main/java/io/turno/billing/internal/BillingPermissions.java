package io.turno.billing.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingPermissions {

    /**
     * Reception takes payments and runs its till; refunds need a supervisor or manager; the daily
     * reports are for supervisors and managers (seed 003: "Administradores, Supervisores"). ADMIN holds all.
     */
    @Bean
    ModulePermissions billingModulePermissions() {
        return new ModulePermissions(Map.of(
                "billing:read", Set.of("RECEPTIONIST", "SUPERVISOR", "MANAGER"),
                "billing:create", Set.of("RECEPTIONIST"),
                "billing:refund", Set.of("SUPERVISOR", "MANAGER"),
                "billing:cash", Set.of("RECEPTIONIST", "SUPERVISOR"),
                "billing:reports", Set.of("SUPERVISOR", "MANAGER")));
    }
}
