package io.turno.scheduling.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who does what with appointments (seed 003's lists). {@code appointments:all} widens every other
 * appointment permission from "my own" (the patient's own appointments, the therapist's agenda) to
 * every appointment of the organization; without it a caller acts only on appointments where they
 * are the patient or the practitioner.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingPermissions {

    static final String ALL = "appointments:all";

    @Bean
    ModulePermissions schedulingModulePermissions() {
        return new ModulePermissions(Map.of(
                "practitioners:read", Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"),
                "practitioners:create", Set.of("MANAGER"),
                "practitioners:update", Set.of("MANAGER", "SUPERVISOR"),
                "practitioners:delete", Set.of("MANAGER"),
                "appointments:read", Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"),
                ALL, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER"),
                "appointments:create", Set.of("RECEPTIONIST", "PATIENT"),
                "appointments:update", Set.of("RECEPTIONIST", "PATIENT"),
                "appointments:cancel", Set.of("RECEPTIONIST", "PATIENT"),
                "appointments:status", Set.of("RECEPTIONIST", "THERAPIST")));
    }
}
