package io.turno.scheduling.internal;

import java.util.HashMap;
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
    static final String SELF = "appointments:self";

    @Bean
    ModulePermissions schedulingModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        grants.put("practitioners:read", Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"));
        grants.put("practitioners:create", Set.of("MANAGER"));
        grants.put("practitioners:update", Set.of("MANAGER", "SUPERVISOR"));
        grants.put("practitioners:delete", Set.of("MANAGER"));
        grants.put("appointments:read", Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"));
        grants.put(ALL, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER"));
        grants.put("appointments:create", Set.of("RECEPTIONIST", "PATIENT"));
        // A reservation with payment (seed 004): booking and paying online in one step.
        grants.put("appointments:reserve", Set.of("RECEPTIONIST", "PATIENT"));
        grants.put("appointments:update", Set.of("RECEPTIONIST", "PATIENT"));
        grants.put("appointments:cancel", Set.of("RECEPTIONIST", "PATIENT"));
        grants.put("appointments:status", Set.of("RECEPTIONIST", "THERAPIST"));
        // The patient's own pages (my appointments); staff use the agenda instead.
        grants.put(SELF, Set.of("PATIENT"));
        return new ModulePermissions(grants);
    }
}
