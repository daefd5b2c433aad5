package io.turno.scheduling.internal;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentCancelled;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentStatusChanged;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.scheduling.internal.SchedulingFailures.InvalidTransition;
import io.turno.scheduling.internal.SchedulingFailures.NotChangeable;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moves of an appointment's state machine ({@link AppointmentStatus}): confirm, check in,
 * complete, no-show, cancel, and a reservation's hold confirmed or released. Each move is audited and
 * published; a cancellation offers the freed time to the waitlist.
 */
@Service
public class AppointmentTransitions {

    private final JdbcAppointments appointments;
    private final AppointmentAccess access;
    private final AppointmentAudit audit;
    private final ApplicationEventPublisher events;
    private final Waitlist waitlist;
    private final PatientNotice notice;

    AppointmentTransitions(
            JdbcAppointments appointments,
            AppointmentAccess access,
            AppointmentAudit audit,
            ApplicationEventPublisher events,
            Waitlist waitlist,
            PatientNotice notice) {
        this.notice = notice;
        this.appointments = appointments;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.waitlist = waitlist;
    }

    /** By the patient or the front desk. */
    @Transactional
    public AppointmentView cancel(CurrentUser caller, UUID id, String reason) {
        Scope scope = access.scope(caller);
        var before = access.lockForPatient(caller, scope, id);
        if (before.status() == AppointmentStatus.HELD) {
            throw new NotChangeable(before.status());
        }
        notice.require(caller.tenantId(), scope, before);
        if (!before.status().canMoveTo(AppointmentStatus.CANCELLED)) {
            throw new InvalidTransition(before.status(), AppointmentStatus.CANCELLED);
        }
        return move(caller, before, AppointmentStatus.CANCELLED, reason);
    }

    /** A move of the state machine by the practitioner or the front desk. */
    @Transactional
    public AppointmentView changeStatus(CurrentUser caller, UUID id, AppointmentStatus target, String reason) {
        Scope scope = access.scope(caller);
        var before = access.lock(caller, scope, id);
        if (!scope.all() && !before.therapistId().equals(scope.practitionerId())) {
            // The patient sees it, but only cancels it (DELETE); a stranger does not see it at all.
            throw new NotFound("Cita", id);
        }
        if (before.status() == AppointmentStatus.HELD) {
            // Only its reservation confirms a held slot, once paid.
            throw new NotChangeable(before.status());
        }
        if (!before.status().canMoveTo(target)) {
            throw new InvalidTransition(before.status(), target);
        }
        return move(caller, before, target, reason);
    }

    /**
     * The paid hold becomes CONFIRMED and is announced as booked. Empty when the hold is gone (its
     * expiry released it before the payment came back).
     */
    @Transactional
    public Optional<AppointmentView> confirmHold(Actor actor, UUID id, Map<String, ?> payment) {
        if (!appointments.confirmHold(actor.tenantId(), id)) {
            return Optional.empty();
        }
        var confirmed = appointments.find(actor.tenantId(), id).orElseThrow();
        var summary = new LinkedHashMap<String, Object>(AppointmentAudit.summary(confirmed));
        summary.put("payment", payment);
        events.publishEvent(AppointmentBooking.booked(actor.tenantId(), confirmed));
        audit.record(actor, "CREATE", confirmed, Map.of("after", summary));
        return Optional.of(confirmed);
    }

    /** The unpaid hold is deleted: the slot is free again and no appointment remains. */
    @Transactional
    public void releaseHold(Actor actor, UUID id, String reason) {
        var held = appointments.find(actor.tenantId(), id).filter(a -> a.status() == AppointmentStatus.HELD);
        if (held.isEmpty()) {
            return;
        }
        appointments.deleteHold(actor.tenantId(), id);
        audit.record(
                actor, "RELEASE", held.get(), Map.of("before", AppointmentAudit.summary(held.get()), "reason", reason));
    }

    private AppointmentView move(CurrentUser caller, AppointmentView before, AppointmentStatus target, String reason) {
        boolean cancel = target == AppointmentStatus.CANCELLED;
        appointments.setStatus(caller.tenantId(), before.id(), target, reason);
        var after = appointments.find(caller.tenantId(), before.id()).orElseThrow();
        ZoneId zone = ZoneId.of(after.timeZone());
        events.publishEvent(new AppointmentStatusChanged(
                caller.tenantId(),
                after.id(),
                after.patientId(),
                after.therapistId(),
                after.therapistUserId(),
                after.serviceId(),
                after.start().toInstant(),
                after.end().toInstant(),
                zone,
                before.status(),
                target));
        if (cancel) {
            events.publishEvent(new AppointmentCancelled(
                    caller.tenantId(),
                    after.id(),
                    after.patientId(),
                    after.therapistId(),
                    after.therapistUserId(),
                    after.serviceId(),
                    after.start().toInstant(),
                    after.end().toInstant(),
                    zone,
                    reason));
        }
        audit.record(
                caller,
                cancel ? "CANCEL" : "UPDATE",
                after,
                AuditEntry.change(AppointmentAudit.summary(before), AppointmentAudit.summary(after)));
        if (cancel) {
            waitlist.offer(caller.tenantId(), after, caller);
        }
        return after;
    }
}
