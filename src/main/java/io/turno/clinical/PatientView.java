package io.turno.clinical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.customers.CustomerView;
import org.jspecify.annotations.Nullable;

/**
 * A patient: the registry's person ({@code customer}, whose id is the patient's id) and what the
 * clinic adds. {@code consentRecordedBy} is the user who recorded the consent, {@code consentGivenBy}
 * the person who gave it (the patient, or their guardian).
 */
public record PatientView(
        UUID id,
        CustomerView customer,
        @Nullable LocalDate birthDate,
        @Nullable String emergencyContactName,
        @Nullable String emergencyContactPhone,
        boolean consentGiven,
        @Nullable Instant consentAt,
        @Nullable String consentGivenBy,
        @Nullable UUID consentRecordedBy,
        List<UUID> careTeam,
        Instant createdAt,
        Instant updatedAt) {}
