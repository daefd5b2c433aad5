package io.turno.clinical.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClinicalPermissions {

    /** Reading a patient's demographics and consent; the diagnoses need {@code clinical:records}. */
    private static final Set<String> PROFILE_READERS = Set.of("RECEPTIONIST", "THERAPIST", "SUPERVISOR", "MANAGER");
    private static final Set<String> REGISTRARS = Set.of("RECEPTIONIST");

    /**
     * {@code clinical:records} lets a caller ask for diagnoses; the record itself then answers only
     * its care team and its patient. {@code clinical:records_all} reads every record: ADMIN only by
     * default (a clinic may grant it to a medical director's role), not SUPERVISOR or MANAGER.
     */
    @Bean
    ModulePermissions clinicalModulePermissions() {
        return new ModulePermissions(Map.of(
                "clinical:read", PROFILE_READERS,
                "clinical:create", REGISTRARS,
                "clinical:update", REGISTRARS,
                "clinical:care_team", REGISTRARS,
                "clinical:self", Set.of("PATIENT"),
                "clinical:records", Set.of("THERAPIST", "PATIENT"),
                "clinical:diagnose", Set.of("THERAPIST"),
                "clinical:records_all", Set.of()));
    }
}
