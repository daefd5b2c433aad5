package io.turno.clinical;

import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * The clinic's records as other modules use them. A patient's id is their customer id: the
 * registry of people stays one.
 */
public interface ClinicalRecords {

    /**
     * Makes the THERAPIST user {@code therapistUserId} one of the patient's treating therapists
     * (idempotent), giving the customer a patient record if they had none; meant for a listener of
     * scheduling's {@code AppointmentBooked}. Audited when it changes anything, as the system.
     *
     * @throws io.turno.shared.NotFound when the tenant has no such customer or user
     */
    void addToCareTeam(TenantId tenant, UUID customerId, UUID therapistUserId);

    /** The customer's patient record, if the clinic has one. */
    Optional<PatientView> findPatient(TenantId tenant, UUID customerId);
}
