package io.turno.billing.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public final class BillingPermissions {

    public static final String READ = "billing:read";
    public static final String CREATE = "billing:create";
    public static final String REFUND = "billing:refund";
    public static final String CASH = "billing:cash";
    public static final String REPORTS = "billing:reports";

    /**
     * Reception takes payments and runs its till; refunds need a supervisor or manager; the daily
     * reports are for supervisors and managers (seed 003: "Administradores, Supervisores"). ADMIN holds all.
     */
    @Bean
    ModulePermissions billingModulePermissions() {
        return new ModulePermissions(
                "billing",
                Map.of(
                        READ, Set.of("RECEPTIONIST", "SUPERVISOR", "MANAGER"),
                        CREATE, Set.of("RECEPTIONIST"),
                        REFUND, Set.of("SUPERVISOR", "MANAGER"),
                        CASH, Set.of("RECEPTIONIST", "SUPERVISOR"),
                        REPORTS, Set.of("SUPERVISOR", "MANAGER")));
    }
}
