package io.turno.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * Appointments as other modules read them (clinical for care teams, billing for payments, queueing
 * for the appointment-holder priority). Another tenant's appointment is never found.
 */
public interface Appointments {

    Optional<AppointmentView> find(TenantId tenant, UUID appointmentId);

    /**
     * Whether the customer has an appointment still to attend (requested, confirmed, checked in or in
     * progress) on {@code date}, the
     * date as the practitioner's time zone counts it.
     */
    boolean hasAppointmentOn(TenantId tenant, UUID customerId, LocalDate date);

    /** Appointments still to attend (REQUESTED or CONFIRMED) starting in {@code [from, to)}, by start; for reminders. */
    List<AppointmentView> startingBetween(TenantId tenant, Instant from, Instant to);
}
