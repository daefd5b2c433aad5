package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.billing.Payments;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentBooked;
import io.turno.scheduling.AppointmentRescheduled;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.scheduling.internal.JdbcAppointments.NewAppointment;
import io.turno.scheduling.internal.SchedulingFailures.NotChangeable;
import io.turno.scheduling.internal.SchedulingFailures.Refused;
import io.turno.scheduling.internal.SchedulingFailures.SeriesConflict;
import io.turno.scheduling.internal.SchedulingFailures.SlotTaken;
import io.turno.scheduling.internal.WorkingPlan.Span;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking and moving appointments. The database keeps a practitioner from being booked twice (the
 * exclusion constraint {@code scheduling_appointments_no_overlap}); this service checks everything
 * else: the plan, time off, the service, who may book for whom.
 */
@Service
public class AppointmentBooking {

    public record BookCommand(UUID patientId, UUID therapistId, UUID serviceId, OffsetDateTime start, String notes) {}

    public record RescheduleCommand(UUID therapistId, UUID serviceId, OffsetDateTime start, String notes) {}

    public enum Every {
        WEEKLY(1),
        BIWEEKLY(2);

        final int weeks;

        Every(int weeks) {
            this.weeks = weeks;
        }
    }

    public record SeriesCommand(BookCommand first, int sessions, Every every) {}

    public record Series(UUID seriesId, List<AppointmentView> appointments) {}

    /** What a booking needs, checked: an active practitioner giving a bookable service to a visible patient. */
    private record Booking(CustomerView patient, PractitionerView practitioner, ServiceView service, WorkingPlan plan) {

        Span span(OffsetDateTime start) {
            Instant begin = start.toInstant();
            return new Span(begin, begin.plus(Duration.ofMinutes(service.durationMinutes())));
        }
    }

    private final JdbcAppointments appointments;
    private final Schedules schedules;
    private final AppointmentAccess access;
    private final PractitionerService practitioners;
    private final Customers customers;
    private final AppointmentAudit audit;
    private final ApplicationEventPublisher events;
    private final Waitlist waitlist;
    private final Payments payments;
    private final Clock clock;

    private final PatientNotice notice;

    AppointmentBooking(
            JdbcAppointments appointments,
            Schedules schedules,
            AppointmentAccess access,
            PractitionerService practitioners,
            Customers customers,
            AppointmentAudit audit,
            ApplicationEventPublisher events,
            Waitlist waitlist,
            Payments payments,
            Clock clock,
            PatientNotice notice) {
        this.notice = notice;
        this.appointments = appointments;
        this.schedules = schedules;
        this.access = access;
        this.practitioners = practitioners;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
        this.waitlist = waitlist;
        this.payments = payments;
        this.clock = clock;
    }

    @Transactional
    public AppointmentView book(CurrentUser caller, BookCommand command) {
        Scope scope = access.scope(caller);
        Booking booking = prepare(caller, scope, command.patientId(), command.therapistId(), command.serviceId());
        Span span = booking.span(command.start());
        checkFits(caller.tenantId(), booking, span);
        var booked = insert(caller, booking, span, command.notes(), null, null);
        events.publishEvent(booked(caller.tenantId(), booked));
        // Last: the audit chain's lock is held from here to the commit, and every booking of the
        // organization waits for it.
        audit.record(caller, "CREATE", booked, Map.of("after", AppointmentAudit.summary(booked)));
        return booked;
    }

    /**
     * Books a waitlist offer's slot for its patient, by the same rules as {@link #book}. The offer's
     * link stands for the patient ({@code caller} is no signed-in person), so no caller's scope applies.
     */
    AppointmentView bookOffered(Actor caller, UUID patientId, UUID therapistId, UUID serviceId, OffsetDateTime start) {
        Booking booking = prepare(caller, new Scope(true, null, null), patientId, therapistId, serviceId);
        Span span = booking.span(start);
        checkFits(caller.tenantId(), booking, span);
        var booked = insert(caller, booking, span, null, null, null);
        events.publishEvent(booked(caller.tenantId(), booked));
        audit.record(
                caller, "CREATE", booked, Map.of("after", AppointmentAudit.summary(booked), "via", "waitlist_offer"));
        return booked;
    }

    /** Every session or none: a taken or unworked date refuses the series and is named. */
    @Transactional
    public Series bookSeries(CurrentUser caller, SeriesCommand command) {
        if (command.sessions() < 2 || command.sessions() > 52) {
            throw new Refused("Una serie tiene de 2 a 52 sesiones.");
        }
        Scope scope = access.scope(caller);
        BookCommand first = command.first();
        Booking booking = prepare(caller, scope, first.patientId(), first.therapistId(), first.serviceId());
        ZoneId zone = booking.plan.zone();
        var spans = new ArrayList<Span>();
        var local = first.start().atZoneSameInstant(zone);
        for (int i = 0; i < command.sessions(); i++) {
            // Same wall-clock time every week, whatever daylight saving does in between.
            spans.add(booking.span(
                    local.plusWeeks((long) i * command.every().weeks).toOffsetDateTime()));
        }
        Instant from = spans.getFirst().start();
        Instant to = spans.getLast().end();
        List<Span> timeOff = schedules.timeOffSpans(caller.tenantId(), booking.practitioner.id(), from, to);
        List<Span> taken = appointments.taken(caller.tenantId(), booking.practitioner.id(), from, to);
        var conflicts = new ArrayList<String>();
        for (Span span : spans) {
            boolean free = taken.stream().noneMatch(span::overlaps);
            if (!free || !span.start().isAfter(clock.instant()) || !booking.plan.fits(span, timeOff)) {
                conflicts.add(span.start().atZone(zone).toLocalDate().toString());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new SeriesConflict(conflicts);
        }
        UUID seriesId = UUID.randomUUID();
        var booked = new ArrayList<AppointmentView>();
        for (Span span : spans) {
            try {
                booked.add(insert(caller, booking, span, first.notes(), seriesId, null));
            } catch (SlotTaken raced) {
                throw new SeriesConflict(
                        List.of(span.start().atZone(zone).toLocalDate().toString()));
            }
        }
        for (AppointmentView appointment : booked) {
            events.publishEvent(booked(caller.tenantId(), appointment));
        }
        audit.recordCreated(caller, booked);
        return new Series(seriesId, booked);
    }

    /** Moves the appointment (time, practitioner or service) or changes its notes. */
    @Transactional
    public AppointmentView reschedule(CurrentUser caller, UUID id, RescheduleCommand command) {
        Scope scope = access.scope(caller);
        var before = access.lockForPatient(caller, scope, id);
        if (!before.status().changeable()) {
            throw new NotChangeable(before.status());
        }
        notice.require(caller.tenantId(), scope, before);
        UUID therapist = command.therapistId() == null ? before.therapistId() : command.therapistId();
        UUID service = command.serviceId() == null ? before.serviceId() : command.serviceId();
        Booking booking = prepare(caller, scope, before.patientId(), therapist, service);
        OffsetDateTime start = command.start() == null ? before.start() : command.start();
        Span span = booking.span(start);
        boolean moved = !therapist.equals(before.therapistId())
                || !span.start().equals(before.start().toInstant())
                || !span.end().equals(before.end().toInstant());
        if (moved) {
            checkFits(caller.tenantId(), booking, span);
            dropExpiredHolds(caller.tenantId(), therapist, span);
        }
        appointments.move(
                caller.tenantId(),
                id,
                therapist,
                service,
                OffsetDateTime.ofInstant(span.start(), booking.plan.zone()),
                OffsetDateTime.ofInstant(span.end(), booking.plan.zone()),
                command.notes() == null ? before.notes() : command.notes());
        var after = appointments.find(caller.tenantId(), id).orElseThrow();
        if (moved) {
            events.publishEvent(new AppointmentRescheduled(
                    caller.tenantId(),
                    id,
                    after.patientId(),
                    after.therapistId(),
                    after.therapistUserId(),
                    after.serviceId(),
                    after.start().toInstant(),
                    after.end().toInstant(),
                    ZoneId.of(after.timeZone()),
                    before.therapistId(),
                    before.start().toInstant(),
                    before.end().toInstant()));
        }
        audit.record(
                caller,
                "UPDATE",
                after,
                AuditEntry.change(AppointmentAudit.summary(before), AppointmentAudit.summary(after)));
        if (moved) {
            boolean vacated = !therapist.equals(before.therapistId())
                    || !span.overlaps(
                            new Span(before.start().toInstant(), before.end().toInstant()));
            if (vacated) {
                waitlist.offer(caller.tenantId(), before, caller);
            }
        }
        return after;
    }

    /**
     * Holds the slot for the patient until {@code expires} (reservations, seed 004): a HELD
     * appointment, committed so that nobody else takes it.
     */
    @Transactional
    public AppointmentView hold(CurrentUser caller, BookCommand command, Instant expires) {
        Scope scope = access.scope(caller);
        Booking booking = prepare(caller, scope, command.patientId(), command.therapistId(), command.serviceId());
        Span span = booking.span(command.start());
        checkFits(caller.tenantId(), booking, span);
        var held = insert(caller, booking, span, command.notes(), null, expires);
        audit.record(
                caller,
                "HOLD",
                held,
                Map.of("after", AppointmentAudit.summary(held), "hold_expires_at", expires.toString()));
        return held;
    }

    static AppointmentBooked booked(TenantId tenant, AppointmentView a) {
        return new AppointmentBooked(
                tenant,
                a.id(),
                a.patientId(),
                a.therapistId(),
                a.therapistUserId(),
                a.serviceId(),
                a.start().toInstant(),
                a.end().toInstant(),
                ZoneId.of(a.timeZone()),
                a.status(),
                a.seriesId());
    }

    private Booking prepare(Actor caller, Scope scope, UUID patientId, UUID therapistId, UUID serviceId) {
        TenantId tenant = caller.tenantId();
        if (patientId == null || !scope.actsFor(patientId)) {
            throw new NotFound("Paciente", patientId);
        }
        CustomerView patient = customers.find(tenant, patientId).orElseThrow(() -> new NotFound("Paciente", patientId));
        if (!patient.active()) {
            throw new Refused("El paciente " + patient.fullName() + " está inactivo.");
        }
        var practitioner = practitioners.get(tenant, therapistId);
        if (!practitioner.active()) {
            throw new Refused("El terapeuta " + practitioner.displayName() + " está inactivo y no recibe citas.");
        }
        ServiceView service = practitioners.bookableService(tenant, practitioner, serviceId);
        return new Booking(patient, practitioner, service, practitioners.plan(tenant, practitioner));
    }

    private void checkFits(TenantId tenant, Booking booking, Span span) {
        if (!span.start().isAfter(clock.instant())) {
            throw new Refused("La cita debe empezar en el futuro.");
        }
        var timeOff = schedules.timeOffSpans(tenant, booking.practitioner.id(), span.start(), span.end());
        if (!booking.plan.fits(span, timeOff)) {
            throw new Refused(
                    "El horario pedido está fuera del horario de trabajo de " + booking.practitioner.displayName()
                            + " (o en una pausa o tiempo libre); consulta los horarios disponibles.");
        }
    }

    /** A REQUESTED appointment, or a HELD one until {@code holdExpires} when that is set. */
    private AppointmentView insert(
            Actor caller, Booking booking, Span span, String notes, UUID seriesId, Instant holdExpires) {
        ZoneId zone = booking.plan.zone();
        dropExpiredHolds(caller.tenantId(), booking.practitioner.id(), span);
        return appointments.insert(
                caller.tenantId(),
                caller.userId(),
                new NewAppointment(
                        booking.practitioner.id(),
                        booking.patient.id(),
                        booking.service.id(),
                        OffsetDateTime.ofInstant(span.start(), zone),
                        OffsetDateTime.ofInstant(span.end(), zone),
                        notes,
                        seriesId,
                        holdExpires));
    }

    /**
     * An abandoned hold in the way is deleted here rather than left to the reservations job, so its
     * slot is bookable the moment it expires. A hold with a payment recorded against it is never
     * dropped: the job confirms it.
     */
    private void dropExpiredHolds(TenantId tenant, UUID practitioner, Span span) {
        for (UUID hold : appointments.expiredHoldsIn(tenant, practitioner, span)) {
            if (payments.paymentsFor(tenant, hold).isEmpty()) {
                appointments.deleteHold(tenant, hold);
            }
        }
    }
}
