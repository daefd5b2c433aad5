package io.turno.clinical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.customers.CustomerView;

/**
 * A patient: the registry's person ({@code customer}, whose id is the patient's id) and what the
 * clinic adds. {@code consentRecordedBy} is the user who recorded the consent, {@code consentGivenBy}
 * the person who gave it (the patient, or their guardian).
 */
public record PatientView(
        UUID id,
        CustomerView customer,
        LocalDate birthDate,
        String emergencyContactName,
        String emergencyContactPhone,
        boolean consentGiven,
        Instant consentAt,
        String consentGivenBy,
        UUID consentRecordedBy,
        List<UUID> careTeam,
        Instant createdAt,
        Instant updatedAt) {}
