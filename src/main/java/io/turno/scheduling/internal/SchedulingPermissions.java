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
public final class SchedulingPermissions {

    public static final String PRACTITIONERS_READ = "practitioners:read";
    public static final String PRACTITIONERS_CREATE = "practitioners:create";
    public static final String PRACTITIONERS_UPDATE = "practitioners:update";
    public static final String PRACTITIONERS_DELETE = "practitioners:delete";
    /** A practitioner's weekly plan, breaks, date exceptions and time off: reception keeps them too. */
    public static final String PRACTITIONERS_SCHEDULE = "practitioners:schedule";

    public static final String APPOINTMENTS_READ = "appointments:read";
    public static final String APPOINTMENTS_ALL = "appointments:all";
    public static final String APPOINTMENTS_CREATE = "appointments:create";
    public static final String APPOINTMENTS_RESERVE = "appointments:reserve";
    public static final String APPOINTMENTS_UPDATE = "appointments:update";
    public static final String APPOINTMENTS_CANCEL = "appointments:cancel";
    public static final String APPOINTMENTS_STATUS = "appointments:status";
    public static final String APPOINTMENTS_SELF = "appointments:self";

    @Bean
    ModulePermissions schedulingModulePermissions() {
        Map<String, Set<String>> grants = new HashMap<>();
        grants.put(
                PRACTITIONERS_READ, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"));
        grants.put(PRACTITIONERS_CREATE, Set.of("MANAGER"));
        grants.put(PRACTITIONERS_UPDATE, Set.of("MANAGER", "SUPERVISOR"));
        grants.put(PRACTITIONERS_DELETE, Set.of("MANAGER"));
        grants.put(PRACTITIONERS_SCHEDULE, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST"));
        grants.put(
                APPOINTMENTS_READ, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "VIEWER", "PATIENT"));
        grants.put(APPOINTMENTS_ALL, Set.of("MANAGER", "SUPERVISOR", "RECEPTIONIST", "VIEWER"));
        grants.put(APPOINTMENTS_CREATE, Set.of("RECEPTIONIST", "PATIENT"));
        // A reservation with payment (seed 004): booking and paying online in one step.
        grants.put(APPOINTMENTS_RESERVE, Set.of("RECEPTIONIST", "PATIENT"));
        grants.put(APPOINTMENTS_UPDATE, Set.of("RECEPTIONIST", "PATIENT"));
        grants.put(APPOINTMENTS_CANCEL, Set.of("RECEPTIONIST", "PATIENT"));
        grants.put(APPOINTMENTS_STATUS, Set.of("RECEPTIONIST", "THERAPIST"));
        // The patient's own pages (my appointments); staff use the agenda instead.
        grants.put(APPOINTMENTS_SELF, Set.of("PATIENT"));
        return new ModulePermissions("scheduling", grants);
    }
}
