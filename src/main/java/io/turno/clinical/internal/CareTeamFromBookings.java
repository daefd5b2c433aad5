package io.turno.clinical.internal;

import io.turno.clinical.ClinicalRecords;
import io.turno.scheduling.AppointmentBooked;
import io.turno.shared.TenantScope;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A booked appointment makes its therapist one of the patient's care team, so the therapist reads
 * the patient's record before the first session. Only bookings add: a cancellation keeps the
 * therapist, who may already have written in the record.
 */
@Component
class CareTeamFromBookings {

    private final ClinicalRecords records;

    CareTeamFromBookings(ClinicalRecords records) {
        this.records = records;
    }

    @ApplicationModuleListener
    void on(AppointmentBooked booked) {
        TenantScope.run(
                booked.tenantId(),
                () -> records.addToCareTeam(booked.tenantId(), booked.patientId(), booked.therapistUserId()));
    }
}
