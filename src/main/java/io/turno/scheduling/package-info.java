/**
 * Appointments with practitioners (SPEC §4, seeds 003 and 004): practitioners with their weekly plan,
 * breaks, time off and date exceptions; availability; appointments that can never overlap for one
 * practitioner (a database exclusion constraint); recurring series and a waitlist for freed slots.
 * Other modules read appointments through {@link io.turno.scheduling.Appointments} and follow them
 * through the events {@link io.turno.scheduling.AppointmentBooked}, {@link io.turno.scheduling.AppointmentRescheduled},
 * {@link io.turno.scheduling.AppointmentCancelled}, {@link io.turno.scheduling.AppointmentStatusChanged} and
 * {@link io.turno.scheduling.WaitlistSlotOffered}. Reservations with payment charge through billing's
 * {@link io.turno.billing.Payments}: scheduling depends on billing, never the other way round.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "identity", "catalog", "customers", "billing", "web"})
package io.turno.scheduling;
