package io.turno.billing;

import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * What billing asks about the appointment a payment is for, implemented by the module that keeps
 * appointments (scheduling). Billing defines it so that scheduling depends on billing and never
 * the other way round; the database's foreign key stays the last word.
 */
public interface PayableAppointments {

    /** Whether the tenant has that appointment (a reservation's held slot included). */
    boolean exists(TenantId tenant, UUID appointmentId);
}
