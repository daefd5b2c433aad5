package io.turno.scheduling.internal;

import java.util.Optional;
import java.util.UUID;

import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentView;
import io.turno.shared.NotFound;
import org.springframework.stereotype.Component;

/** Who the caller is to appointments, and which appointments they may see and act on. */
@Component
class AppointmentAccess {

    /**
     * What the caller may see and change: every appointment ({@code all}), or those where they are the
     * patient ({@code customerId}) or the practitioner ({@code practitionerId}).
     */
    record Scope(boolean all, UUID customerId, UUID practitionerId) {

        boolean sees(AppointmentView a) {
            return all || a.patientId().equals(customerId) || a.therapistId().equals(practitionerId);
        }

        boolean actsFor(UUID patientId) {
            return all || patientId.equals(customerId);
        }
    }

    private final JdbcAppointments appointments;
    private final Customers customers;
    private final PractitionerService practitioners;

    AppointmentAccess(JdbcAppointments appointments, Customers customers, PractitionerService practitioners) {
        this.appointments = appointments;
        this.customers = customers;
        this.practitioners = practitioners;
    }

    Scope scope(CurrentUser caller) {
        if (caller.can(SchedulingPermissions.APPOINTMENTS_ALL)) {
            return new Scope(true, null, null);
        }
        return new Scope(
                false,
                ownPatient(caller).orElse(null),
                practitioners
                        .findByUser(caller.tenantId(), caller.userId())
                        .map(PractitionerView::id)
                        .orElse(null));
    }

    /** The caller's own customer record: a patient booking without naming themselves. */
    Optional<UUID> ownPatient(CurrentUser caller) {
        return customers.findByUser(caller.tenantId(), caller.userId()).map(CustomerView::id);
    }

    AppointmentView visible(CurrentUser caller, Scope scope, UUID id) {
        return appointments.find(caller.tenantId(), id).filter(scope::sees).orElseThrow(() -> new NotFound("Cita", id));
    }

    /** The appointment, locked against concurrent changes, if the caller sees it. */
    AppointmentView lock(CurrentUser caller, Scope scope, UUID id) {
        appointments.lock(caller.tenantId(), id);
        return visible(caller, scope, id);
    }

    /** The appointment, locked, if the caller acts for its patient: the patient themselves or the front desk. */
    AppointmentView lockForPatient(CurrentUser caller, Scope scope, UUID id) {
        var appointment = lock(caller, scope, id);
        if (!scope.actsFor(appointment.patientId())) {
            throw new NotFound("Cita", id);
        }
        return appointment;
    }
}
