package io.turno.clinical.internal;

import java.util.Map;
import java.util.Set;

import io.turno.shared.ModulePermissions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public final class ClinicalPermissions {

    public static final String READ = "clinical:read";
    public static final String CREATE = "clinical:create";
    public static final String UPDATE = "clinical:update";
    public static final String CARE_TEAM = "clinical:care_team";
    public static final String SELF = "clinical:self";
    public static final String RECORDS = "clinical:records";
    public static final String DIAGNOSE = "clinical:diagnose";
    public static final String RECORDS_ALL = "clinical:records_all";

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
        return new ModulePermissions(
                "clinical",
                Map.of(
                        READ,
                        PROFILE_READERS,
                        CREATE,
                        REGISTRARS,
                        UPDATE,
                        REGISTRARS,
                        CARE_TEAM,
                        REGISTRARS,
                        SELF,
                        Set.of("PATIENT"),
                        RECORDS,
                        Set.of("THERAPIST", "PATIENT"),
                        DIAGNOSE,
                        Set.of("THERAPIST"),
                        RECORDS_ALL,
                        Set.of()));
    }
}
