package io.turno.dashboards.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboards module's permissions, each name written once here. */
@Configuration(proxyBeanMethods = false)
public final class DashboardPermissions {

    /** See one's own dashboard and the widget catalog; each widget still needs its own module's permission. */
    public static final String READ = "dashboards:read";

    /** Change which widgets a role's dashboard shows, go back to the built-in one, undo. */
    public static final String MANAGE = "dashboards:manage";

    @Bean
    ModulePermissions dashboardModulePermissions() {
        return new ModulePermissions(
                "dashboards",
                Map.of(
                        READ,
                        Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR", "VIEWER", "PATIENT"),
                        // Administrators only by default (ADMIN holds every permission).
                        MANAGE,
                        Set.of()));
    }
}
